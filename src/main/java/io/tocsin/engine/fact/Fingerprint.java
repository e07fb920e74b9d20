package io.tocsin.engine.fact;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** 64-bit FNV-1a over an alert name and its sorted labels, printed as 16 hex digits. */
final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprint() {
    }

    static String of(String name, Map<String, String> sortedLabels) {
        long hash = mix(OFFSET, name);
        for (Map.Entry<String, String> label : sortedLabels.entrySet()) {
            hash = mix(mix(hash, label.getKey()), label.getValue());
        }
        return String.format("%016x", hash);
    }

    private static long mix(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * PRIME;
        }
        return (hash ^ 0xff) * PRIME; // separator, so ("ab","c") and ("a","bc") differ
    }
}
