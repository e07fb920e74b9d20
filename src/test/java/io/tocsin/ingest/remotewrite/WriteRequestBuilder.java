package io.tocsin.ingest.remotewrite;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.xerial.snappy.Snappy;

/**
 * Builds remote-write requests with the reference libraries (protobuf-java's encoder, snappy-java's
 * compressor), independently of the decoder under test. Field numbers from Prometheus' prompb/remote.proto and
 * prompb/types.proto.
 */
public final class WriteRequestBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    /** One TimeSeries message (field 1) with what {@code content} writes into it. */
    public WriteRequestBuilder series(Consumer<Series> content) {
        Series series = new Series();
        content.accept(series);
        return message(1, series.bytes());
    }

    /** A series with {@code labels} given as name, value, name, value... and one sample. */
    public WriteRequestBuilder sample(double value, long timestamp, String... labels) {
        return series(s -> s.labels(labels).sample(value, timestamp));
    }

    /** A MetricMetadata message (field 3), which Prometheus sends every minute. */
    public WriteRequestBuilder metadata(String family, String help) {
        return message(3, encode(o -> {
            o.writeEnum(1, 1); // type: COUNTER
            o.writeString(2, family);
            o.writeString(4, help);
            o.writeString(5, "");
        }));
    }

    /** Any field at the request level: what a later protocol version might add. */
    public WriteRequestBuilder unknown(int field, long value) {
        return write(o -> o.writeInt64(field, value));
    }

    public WriteRequestBuilder message(int field, byte[] message) {
        return write(o -> o.writeByteArray(field, message));
    }

    public byte[] protobuf() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The request body: Snappy block format, as remote write sends it. */
    public byte[] snappy() {
        return compress(protobuf());
    }

    public static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WriteRequestBuilder write(Writer writer) {
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    static byte[] encode(Writer writer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(buffer);
        try {
            writer.write(o);
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    /** The fields of one TimeSeries, written in the order they are called. */
    public static final class Series {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        public Series labels(String... pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                label(pairs[i], pairs[i + 1]);
            }
            return this;
        }

        public Series label(String name, String value) {
            return field(1, encode(o -> {
                o.writeString(1, name);
                o.writeString(2, value);
            }));
        }

        /** A label whose name or value is raw bytes (e.g. malformed UTF-8). */
        public Series rawLabel(byte[] name, byte[] value) {
            return field(1, encode(o -> {
                o.writeByteArray(1, name);
                o.writeByteArray(2, value);
            }));
        }

        public Series sample(double value, long timestamp) {
            return field(2, encode(o -> {
                o.writeDouble(1, value); // proto3: 0.0 and timestamp 0 are left out
                o.writeInt64(2, timestamp);
            }));
        }

        /** A sample whose value is given bit for bit (the staleness marker is one particular NaN). */
        public Series sampleBits(long bits, long timestamp) {
            return field(2, encode(o -> {
                o.writeFixed64(1, bits);
                o.writeInt64(2, timestamp);
            }));
        }

        /** An Exemplar (field 3): labels, value, timestamp. */
        public Series exemplar(double value, long timestamp) {
            return field(3, encode(o -> {
                o.writeByteArray(1, encode(l -> {
                    l.writeString(1, "trace_id");
                    l.writeString(2, "abc123");
                }));
                o.writeDouble(2, value);
                o.writeInt64(3, timestamp);
            }));
        }

        /** A native Histogram (field 4): count, sum, schema, timestamp. */
        public Series histogram(long timestamp) {
            return field(4, encode(o -> {
                o.writeUInt64(1, 3); // count_int
                o.writeDouble(3, 1.5); // sum
                o.writeSInt32(4, 3); // schema
                o.writeInt64(15, timestamp);
            }));
        }

        public Series unknown(int field, long value) {
            try {
                out.writeInt64(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Series field(int field, byte[] message) {
            try {
                out.writeByteArray(field, message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }
}
