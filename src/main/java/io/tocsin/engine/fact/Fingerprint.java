package io.tocsin.engine.fact;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** 64-bit FNV-1a over an alert name and its sorted labels, printed as 16 hex digits. */
final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Fingerprint() {
    }

    static String of(String name, Map<String, String> sortedLabels) {
        long hash = mix(OFFSET, name);
        for (Map.Entry<String, String> label : sortedLabels.entrySet()) {
            hash = mix(mix(hash, label.getKey()), label.getValue());
        }
        // by hand rather than String.format("%016x"): one is made for every alert, thousands a second in a storm
        char[] digits = new char[16];
        for (int i = 15; i >= 0; i--, hash >>>= 4) {
            digits[i] = HEX[(int) (hash & 0xf)];
        }
        return new String(digits);
    }

    /** Mixes in the UTF-8 bytes of {@code text}: read from the chars while they are ASCII (their own bytes). */
    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return mixBytes(hash, text.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            hash = (hash ^ c) * PRIME;
        }
        return (hash ^ 0xff) * PRIME; // separator, so ("ab","c") and ("a","bc") differ
    }

    private static long mixBytes(long hash, byte[] utf8) {
        for (byte b : utf8) {
            hash = (hash ^ (b & 0xff)) * PRIME;
        }
        return (hash ^ 0xff) * PRIME;
    }
}
