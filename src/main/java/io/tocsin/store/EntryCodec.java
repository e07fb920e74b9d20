package io.tocsin.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.state.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How journal entries look on disk. Sample batches, most of the journal by far, are binary: each series is
 * written out once per segment and referred to by number after that, so a known series costs about 18 bytes a
 * sample. Everything else is JSON, readable with {@code jq} after stripping the framing. One codec per segment,
 * because of that dictionary; the writer's and the reader's see the same segment from its start.
 */
final class EntryCodec {

    private static final byte APPLIED_JSON = 1;
    private static final byte APPLIED_SAMPLES = 2;
    private static final byte DECIDED = 3;
    /** A buffer grown beyond this by one huge batch is not kept for the small records after it. */
    private static final int RETAINED_BYTES = 1 << 20;

    private final ObjectMapper json;
    private final Map<SeriesKey, Integer> ids = new HashMap<>();
    private final List<SeriesKey> keys = new ArrayList<>();
    /** The buffer records are encoded into; one grown beyond RETAINED_BYTES is dropped before the next record. */
    private Buffer out = new Buffer(4096);

    /** Built once: finding the writer of a generic list is a type resolution per call otherwise. */
    private final com.fasterxml.jackson.databind.ObjectWriter actionsWriter;

    EntryCodec(ObjectMapper json) {
        this.json = json;
        this.actionsWriter = json.writerFor(json.getTypeFactory().constructCollectionType(List.class, Action.class));
    }

    /** The applied-input form for JSON: the input with the time it was applied. */
    record AppliedJson(long wallNow, Input<?> input) {
    }

    /** A record being written: {@code bytes[0, header)} left free for the framing, the payload up to {@code end}. */
    record Encoded(byte[] bytes, int header, int end) {
    }

    /**
     * Encodes {@code entry} after {@code header} free bytes, into the codec's own buffer (valid until the next
     * call): the journal writes every record this way, so a batch is encoded without a copy per step.
     */
    Encoded record(Entry entry, int header) {
        if (out.bytes.length > RETAINED_BYTES) {
            out = new Buffer(4096);
        }
        out.reset(header);
        try {
            if (entry instanceof Entry.Applied a && a.input() instanceof SampleBatch batch) {
                samples(a.wallNow(), batch, out);
            } else if (entry instanceof Entry.Applied a) {
                out.put(APPLIED_JSON);
                json.writeValue(out.stream(), new AppliedJson(a.wallNow(), a.input()));
            } else {
                out.put(DECIDED);
                actionsWriter.writeValue(out.stream(), ((Entry.Decided) entry).actions());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a journal entry", e);
        }
        return new Encoded(out.bytes, header, out.size);
    }

    /** The payload of {@code entry} alone (tests). */
    byte[] encode(Entry entry) {
        Encoded r = record(entry, 0);
        return Arrays.copyOf(r.bytes(), r.end());
    }

    Entry decode(byte[] payload) throws IOException {
        byte tag = payload[0];
        byte[] body = Arrays.copyOfRange(payload, 1, payload.length);
        return switch (tag) {
            case APPLIED_JSON -> {
                AppliedJson a = json.readValue(body, AppliedJson.class);
                yield new Entry.Applied(a.wallNow(), a.input());
            }
            case APPLIED_SAMPLES -> samples(ByteBuffer.wrap(body));
            case DECIDED -> new Entry.Decided(json.readValue(body,
                    json.getTypeFactory().constructCollectionType(List.class, Action.class)));
            default -> throw new IOException("unknown entry type " + tag);
        };
    }

    private void samples(long wallNow, SampleBatch batch, Buffer out) {
        out.room(32 + batch.samples().size() * 24);
        out.put(APPLIED_SAMPLES);
        out.putLong(wallNow);
        out.putVarint(batch.samples().size());
        for (Sample s : batch.samples()) {
            int id = id(s.key());
            if (id == 0) {
                out.putVarint(0); // a series new to this segment: written out, numbered from here on
                out.putString(s.key().metric());
                out.putVarint(s.key().labels().size());
                s.key().labels().forEach((k, v) -> {
                    out.putString(k);
                    out.putString(v);
                });
                ids.put(s.key(), keys.size() + 1);
                keys.add(s.key());
                s.key().journalHint(keys.size());
            } else {
                out.putVarint(id);
            }
            out.putLong(Double.doubleToRawLongBits(s.value()));
            out.putLong(s.timestamp());
        }
    }

    /**
     * The number of a series in this segment (0: not written in it yet): by the key's hint when it is this
     * segment's, else looked up.
     */
    private int id(SeriesKey key) {
        int hint = key.journalHint();
        if (hint > 0 && hint <= keys.size() && keys.get(hint - 1) == key) {
            return hint;
        }
        Integer id = ids.get(key);
        if (id == null) {
            return 0;
        }
        if (keys.get(id - 1) == key) {
            key.journalHint(id);
        }
        return id;
    }

    private Entry samples(ByteBuffer in) throws IOException {
        long wallNow = in.getLong();
        int count = varint(in);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = varint(in);
            SeriesKey key;
            if (id == 0) {
                String metric = string(in);
                int labels = varint(in);
                Map<String, String> map = new TreeMap<>();
                for (int l = 0; l < labels; l++) {
                    map.put(string(in), string(in));
                }
                key = new SeriesKey(metric, map);
                ids.put(key, keys.size() + 1);
                keys.add(key);
            } else if (id <= keys.size()) {
                key = keys.get(id - 1);
            } else {
                throw new IOException("series #" + id + " was never written in this segment");
            }
            samples.add(new Sample(key, Double.longBitsToDouble(in.getLong()), in.getLong()));
        }
        return new Entry.Applied(wallNow, new SampleBatch(samples));
    }

    private static int varint(ByteBuffer in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed number");
    }

    private static String string(ByteBuffer in) throws IOException {
        int length = varint(in);
        if (length > in.remaining()) {
            throw new IOException("string longer than the entry");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    /** A growable byte buffer for encoding, reused from record to record. */
    private static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void reset(int start) {
            size = 0;
            room(start);
            size = start;
        }

        void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        void put(byte b) {
            room(1);
            bytes[size++] = b;
        }

        void putLong(long v) {
            room(8);
            for (int i = 7; i >= 0; i--) {
                bytes[size++] = (byte) (v >>> (i * 8));
            }
        }

        void putVarint(int v) {
            room(5);
            while ((v & ~0x7f) != 0) {
                bytes[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void putString(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            putVarint(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        void putBytes(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        /** Appends what is written to it (JSON straight into the record, without a copy of its own). */
        java.io.OutputStream stream() {
            return new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    put((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    putBytes(b, off, len);
                }
            };
        }
    }
}
