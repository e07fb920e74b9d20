package io.tocsin.ingest.remotewrite;

/**
 * The few protobuf wire-format reads a remote-write request needs: tags, varints, little-endian 64-bit values,
 * length-delimited fields, and skipping fields we do not use. A cursor over one array; every read is bounds
 * checked against the current message's end and fails with {@link MalformedProtobufException}, never with an
 * index exception.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int I32 = 5;

    private final byte[] buf;
    private int pos;

    ProtoReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    /** A field's tag (number shifted left by three, or'ed with the wire type). */
    int tag(int end) {
        long tag = varint(end);
        if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
            throw new MalformedProtobufException("invalid field tag " + tag, pos);
        }
        return (int) tag;
    }

    long varint(int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new MalformedProtobufException("truncated varint", pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new MalformedProtobufException("varint longer than 10 bytes", pos);
    }

    long fixed64(int end) {
        if (end - pos < 8) {
            throw new MalformedProtobufException("truncated 64-bit value", pos);
        }
        long v = (buf[pos] & 0xffL) | (buf[pos + 1] & 0xffL) << 8 | (buf[pos + 2] & 0xffL) << 16
                | (buf[pos + 3] & 0xffL) << 24 | (buf[pos + 4] & 0xffL) << 32 | (buf[pos + 5] & 0xffL) << 40
                | (buf[pos + 6] & 0xffL) << 48 | (buf[pos + 7] & 0xffL) << 56;
        pos += 8;
        return v;
    }

    /** Reads a length prefix and returns where the field's bytes end; the cursor is at their start. */
    int lengthDelimited(int end) {
        long length = varint(end);
        if (length > end - pos) {
            throw new MalformedProtobufException("length " + length + " runs past the end of its message", pos);
        }
        return pos + (int) length;
    }

    /** Skips the value of a field of {@code wireType} we do not use (metadata, exemplars, unknown fields). */
    void skip(int wireType, int end) {
        switch (wireType) {
            case VARINT -> varint(end);
            case I64 -> advance(8, end);
            case LEN -> pos = lengthDelimited(end);
            case I32 -> advance(4, end);
            default -> throw new MalformedProtobufException("unsupported wire type " + wireType, pos);
        }
    }

    private void advance(int n, int end) {
        if (end - pos < n) {
            throw new MalformedProtobufException("truncated field", pos);
        }
        pos += n;
    }

    /** The bytes are not a valid protobuf message; {@code position} is the byte where decoding stopped. */
    static final class MalformedProtobufException extends RuntimeException {

        MalformedProtobufException(String message, int position) {
            super(message + " (at byte " + position + ")");
        }
    }
}
