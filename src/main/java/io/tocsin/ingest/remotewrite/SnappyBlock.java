package io.tocsin.ingest.remotewrite;

/**
 * Decompresses Snappy's block format (not the framed format), which remote write mandates for request bodies.
 *
 * <p>Written here rather than taken from a library: the block format is a length varint followed by literals and
 * back-references (about sixty lines to decode). {@code snappy-java} loads a JNI library extracted to a temporary
 * directory at run time (awkward in a native image; its pure-Java mode was removed in 1.1.9.0), and
 * {@code aircompressor} (pure Java) brings a jar of codecs for this one loop and reads memory through
 * {@code sun.misc.Unsafe}, which is deprecated for removal. Decoding straight into one array with
 * {@code System.arraycopy} for literals and long copies is as fast as plain Java gets.
 *
 * <p>Every malformed input ends in {@link CorruptSnappyException} naming what was wrong and at which input byte;
 * nothing is read or written out of bounds, and the declared length is checked against a limit before anything
 * is allocated, so a small body cannot make the server allocate gigabytes.
 */
final class SnappyBlock {

    private SnappyBlock() {
    }

    /** The uncompressed length the block declares (its leading varint); -1 if the header itself is broken. */
    static long declaredLength(byte[] in, int length) {
        long result = 0;
        for (int i = 0, shift = 0; i < Math.min(length, 5); i++, shift += 7) {
            int b = in[i] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return result;
            }
        }
        return -1;
    }

    /**
     * Decompresses {@code in[0, length)} into {@code out} (at least {@link #declaredLength} long, which the caller
     * checked against its limit) and returns the uncompressed length.
     */
    static int decompress(byte[] in, int length, byte[] out) {
        long declared = declaredLength(in, length);
        if (declared < 0 || declared > Integer.MAX_VALUE) {
            throw new CorruptSnappyException("invalid uncompressed length header", 0);
        }
        int expected = (int) declared;
        if (out.length < expected) {
            throw new IllegalArgumentException("output buffer shorter than the declared length");
        }
        int ip = headerLength(in);
        int op = 0;
        while (ip < length) {
            int start = ip;
            int tag = in[ip++] & 0xff;
            switch (tag & 3) {
                case 0 -> { // literal: length-1 in the upper six bits, or in 1..4 following bytes
                    int len = tag >>> 2;
                    if (len >= 60) {
                        int bytes = len - 59;
                        if (ip + bytes > length) {
                            throw new CorruptSnappyException("truncated literal length", start);
                        }
                        len = 0;
                        for (int i = 0; i < bytes; i++) {
                            len |= (in[ip++] & 0xff) << (8 * i);
                        }
                        if (len < 0) {
                            throw new CorruptSnappyException("literal longer than 2 GiB", start);
                        }
                    }
                    len += 1;
                    if (len > length - ip) {
                        throw new CorruptSnappyException("literal of " + len + " bytes runs past the end of the input",
                                start);
                    }
                    if (len > expected - op) {
                        throw new CorruptSnappyException("literal runs past the declared length " + expected, start);
                    }
                    System.arraycopy(in, ip, out, op, len);
                    ip += len;
                    op += len;
                }
                case 1 -> { // copy, length 4..11, 11-bit offset
                    if (ip + 1 > length) {
                        throw new CorruptSnappyException("truncated copy", start);
                    }
                    int len = ((tag >>> 2) & 7) + 4;
                    int offset = ((tag >>> 5) << 8) | (in[ip++] & 0xff);
                    op = copy(out, op, offset, len, expected, start);
                }
                case 2 -> { // copy, length 1..64, 16-bit offset
                    if (ip + 2 > length) {
                        throw new CorruptSnappyException("truncated copy", start);
                    }
                    int len = (tag >>> 2) + 1;
                    int offset = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8;
                    ip += 2;
                    op = copy(out, op, offset, len, expected, start);
                }
                default -> { // copy, length 1..64, 32-bit offset
                    if (ip + 4 > length) {
                        throw new CorruptSnappyException("truncated copy", start);
                    }
                    int len = (tag >>> 2) + 1;
                    int offset = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8 | (in[ip + 2] & 0xff) << 16
                            | (in[ip + 3] & 0xff) << 24;
                    ip += 4;
                    op = copy(out, op, offset, len, expected, start);
                }
            }
        }
        if (op != expected) {
            throw new CorruptSnappyException("input ends after " + op + " of the declared " + expected + " bytes",
                    length);
        }
        return op;
    }

    private static int headerLength(byte[] in) {
        int i = 0;
        while ((in[i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    /** A back-reference: {@code len} bytes from {@code offset} back; may overlap itself (a repeated run). */
    private static int copy(byte[] out, int op, int offset, int len, int expected, int at) {
        if (offset <= 0 || offset > op) {
            throw new CorruptSnappyException("copy offset " + Integer.toUnsignedString(offset)
                    + " outside the " + op + " bytes decoded so far", at);
        }
        if (len > expected - op) {
            throw new CorruptSnappyException("copy runs past the declared length " + expected, at);
        }
        int from = op - offset;
        if (offset >= len) {
            System.arraycopy(out, from, out, op, len);
        } else {
            for (int i = 0; i < len; i++) {
                out[op + i] = out[from + i];
            }
        }
        return op + len;
    }

    /** The body is not a valid Snappy block; {@code position} is the input byte where decoding stopped. */
    static final class CorruptSnappyException extends RuntimeException {

        CorruptSnappyException(String message, int position) {
            super(message + " (at compressed byte " + position + ")");
        }
    }
}
