package io.tocsin.dispatch.remediate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a command wrote, kept in a ring of fixed size while the rest passes by: a command that prints
 * gigabytes costs this much memory and nothing on disk. Read on a thread of its own, so the command never
 * blocks on a full pipe.
 */
final class OutputTail {

    private final byte[] ring;
    private long written;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Reads {@code in} to its end. */
    void drain(InputStream in) throws IOException {
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) > 0;) {
            append(chunk, n);
        }
    }

    synchronized void append(byte[] chunk, int n) {
        int from = Math.max(0, n - ring.length); // a chunk larger than the ring keeps only its end
        written += from;
        for (int i = from; i < n; i++) {
            ring[(int) (written++ % ring.length)] = chunk[i];
        }
    }

    /** How many bytes went by in all. */
    synchronized long total() {
        return written;
    }

    /** The last {@code maxChars} characters (UTF-8; a character cut at the start of the ring is dropped). */
    synchronized String text(int maxChars) {
        int kept = (int) Math.min(written, ring.length);
        byte[] bytes = new byte[kept];
        long start = written - kept;
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(int) ((start + i) % ring.length)];
        }
        int skip = 0;
        while (start > 0 && skip < kept && (bytes[skip] & 0xC0) == 0x80) {
            skip++; // continuation bytes of a character whose start was overwritten
        }
        String text = new String(bytes, skip, kept - skip, StandardCharsets.UTF_8);
        return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
    }
}
