package io.tocsin.ingest.remotewrite;

import io.tocsin.engine.fact.KnownSeries;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import io.tocsin.http.InvalidInputException;
import io.tocsin.ingest.SeriesRules;
import io.tocsin.ingest.remotewrite.ProtoReader.MalformedProtobufException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decodes an uncompressed remote-write 1.0 {@code WriteRequest} straight into validated {@link Sample}s, the
 * shape the JSON endpoint produces, with the names checked by the same {@link SeriesRules}. The messages, from
 * Prometheus' {@code prompb/remote.proto} and {@code prompb/types.proto}:
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; reserved 2; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3;
 *                repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 *
 * <p>Hand-written rather than generated: these are four tiny messages, of which we read two fields each, and
 * reading them in place avoids what generated classes cost per request (protobuf-java's runtime, about 1.9 MB,
 * a message object per label and sample, and a copy of every list), which matters because remote write is the
 * high-volume way in. Metadata and exemplars are skipped; native histogram samples are skipped and counted
 * (rules compare float values). Unknown fields are skipped, as protobuf requires.
 *
 * <p>The first problem rejects the whole request with an {@link InvalidInputException} naming the time series
 * by index and the label by name ({@code timeseries[3].labels.job}), so nothing of a bad request is applied.
 * Labels need not be sorted; a label with an empty value is the same as no label (as in the JSON endpoint); a
 * repeated label name, a missing {@code __name__} or malformed UTF-8 is an error.
 *
 * <p>One instance per request (it reuses label arrays between series); not thread-safe.
 */
final class WriteRequestDecoder {

    /** The samples of a request, in request order, and how many native histogram samples were skipped. */
    record Decoded(List<Sample> samples, int histograms) {
    }

    private static final int TIMESERIES = 1 << 3 | ProtoReader.LEN;
    private static final int LABEL = 1 << 3 | ProtoReader.LEN;
    private static final int SAMPLE = 2 << 3 | ProtoReader.LEN;
    private static final int HISTOGRAM = 4 << 3 | ProtoReader.LEN;
    private static final int LABEL_NAME = 1 << 3 | ProtoReader.LEN;
    private static final int LABEL_VALUE = 2 << 3 | ProtoReader.LEN;
    private static final int SAMPLE_VALUE = 1 << 3 | ProtoReader.I64;
    private static final int SAMPLE_TIMESTAMP = 2 << 3 | ProtoReader.VARINT;
    private static final String METRIC_NAME_LABEL = "__name__";

    private final byte[] buf;
    private final long latestAllowed;
    private final SeriesRules rules;
    private final WireKeys wire;
    private final ProtoReader in;
    private final WireKeys.Wire probe = new WireKeys.Wire();
    /** The remembered series met just before in this request (null after one that is not remembered). */
    private WireKeys.Known previous;
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int labels;
    private int series = -1;
    private int histograms;
    private CharsetDecoder utf8;

    private WriteRequestDecoder(byte[] buf, long latestAllowed, SeriesRules rules, WireKeys wire) {
        this.buf = buf;
        this.latestAllowed = latestAllowed;
        this.rules = rules;
        this.wire = wire;
        this.in = new ProtoReader(buf, 0);
    }

    /**
     * Decodes {@code buf[0, length)}; samples later than {@code latestAllowed} (epoch ms) are rejected, as in
     * the JSON endpoint. Series whose label bytes {@code wire} remembers are not decoded again; null: every
     * series is decoded.
     */
    static Decoded decode(byte[] buf, int length, long latestAllowed, SeriesRules rules, WireKeys wire) {
        return new WriteRequestDecoder(buf, latestAllowed, rules, wire).request(length);
    }

    /** With the default limits (tests). */
    static Decoded decode(byte[] buf, int length, long latestAllowed) {
        return decode(buf, length, latestAllowed, new SeriesRules(SeriesRules.Limits.defaults()), null);
    }

    /** How many float samples a rejected request carried, as far as it can be read (for the rejected counter). */
    static int countSamples(byte[] buf, int length) {
        ProtoReader in = new ProtoReader(buf, 0);
        int count = 0;
        try {
            while (in.position() < length) {
                int tag = in.tag(length);
                if (tag != TIMESERIES) {
                    in.skip(tag & 7, length);
                    continue;
                }
                int end = in.lengthDelimited(length);
                while (in.position() < end) {
                    int field = in.tag(end);
                    count += field == SAMPLE ? 1 : 0;
                    in.skip(field & 7, end);
                }
            }
        } catch (MalformedProtobufException e) {
            // counted what could be read
        }
        return count;
    }

    private Decoded request(int length) {
        List<Sample> samples = new ArrayList<>(Math.max(16, length / 64));
        boolean inSeries = false;
        try {
            while (in.position() < length) {
                int tag = in.tag(length);
                if (tag == TIMESERIES) {
                    series++;
                    inSeries = true;
                    int end = in.lengthDelimited(length);
                    timeSeries(in.position(), end, samples);
                    inSeries = false;
                    in.seek(end);
                } else {
                    in.skip(tag & 7, length); // metadata, and fields of later protocol versions
                }
            }
        } catch (MalformedProtobufException e) {
            throw new InvalidInputException(inSeries ? at() : "body", "malformed protobuf: " + e.getMessage());
        }
        return new Decoded(samples, histograms);
    }

    private void timeSeries(int start, int end, List<Sample> samples) {
        // Fields may come in any order: where the labels are is found first, then the samples are read.
        int labelsFrom = -1;
        int labelsTo = -1;
        boolean contiguous = true;
        while (in.position() < end) {
            int at = in.position();
            int tag = in.tag(end);
            if (tag == LABEL) {
                int labelEnd = in.lengthDelimited(end);
                if (labelsFrom < 0) {
                    labelsFrom = at;
                } else if (at != labelsTo) {
                    contiguous = false;
                }
                labelsTo = labelEnd;
                in.seek(labelEnd);
            } else {
                in.skip(tag & 7, end);
            }
        }
        // A series met before is found by its label bytes alone (the usual case: Prometheus sends them alike).
        boolean cacheable = wire != null && labelsFrom >= 0 && contiguous;
        WireKeys.Known known = cacheable ? wire.following(previous, buf, labelsFrom, labelsTo) : null;
        SeriesKey key = null;
        if (known == null && cacheable) {
            int hash = WireKeys.hash(buf, labelsFrom, labelsTo);
            known = wire.find(probe, buf, labelsFrom, labelsTo, hash);
            if (known == null) {
                key = decodeLabels(start, end);
                known = wire.remember(buf, labelsFrom, labelsTo, hash, key);
            }
            WireKeys.followed(previous, known);
        }
        if (key == null) {
            key = known != null ? known.key : decodeLabels(start, end);
        }
        previous = known;
        in.seek(start);
        int sample = 0;
        while (in.position() < end) {
            int tag = in.tag(end);
            if (tag == SAMPLE) {
                int sampleEnd = in.lengthDelimited(end);
                if (samples.size() == rules.limits().maxSamplesPerRequest()) {
                    rules.checkSampleCount(samples.size() + 1L, "; lower queue_config.max_samples_per_send");
                }
                samples.add(sample(key, sampleEnd, sample++));
                in.seek(sampleEnd);
            } else {
                if (tag == HISTOGRAM) {
                    histograms++;
                }
                in.skip(tag & 7, end);
            }
        }
    }

    /** Reads and validates the labels of the series in {@code [start, end)}; a series without samples too. */
    private SeriesKey decodeLabels(int start, int end) {
        labels = 0;
        in.seek(start);
        while (in.position() < end) {
            int tag = in.tag(end);
            if (tag == LABEL) {
                int labelEnd = in.lengthDelimited(end);
                label(labelEnd);
                in.seek(labelEnd);
            } else {
                in.skip(tag & 7, end);
            }
        }
        return key();
    }

    private void label(int end) {
        String name = "";
        String value = "";
        while (in.position() < end) {
            int tag = in.tag(end);
            if (tag == LABEL_NAME || tag == LABEL_VALUE) {
                int stringEnd = in.lengthDelimited(end);
                String text = string(in.position(), stringEnd, tag == LABEL_NAME ? "name" : "value");
                if (tag == LABEL_NAME) {
                    name = text;
                } else {
                    value = text;
                }
                in.seek(stringEnd);
            } else {
                in.skip(tag & 7, end);
            }
        }
        if (labels > rules.limits().maxLabels()) { // the metric name and as many labels as allowed are read
            throw rules.labelCount(labels).at(at() + ".labels");
        }
        if (labels == names.length) {
            names = java.util.Arrays.copyOf(names, labels * 2);
            values = java.util.Arrays.copyOf(values, labels * 2);
        }
        names[labels] = name;
        values[labels] = value;
        labels++;
    }

    /** The series' identity from the labels read, validated like the JSON endpoint's. */
    private SeriesKey key() {
        String metric = null;
        TreeMap<String, String> map = new TreeMap<>();
        Set<String> seen = labels > 16 ? new HashSet<>() : null;
        for (int i = 0; i < labels; i++) {
            String name = names[i];
            if (repeated(i, seen)) {
                throw new InvalidInputException(labelField(i), "repeated label name");
            }
            if (name.equals(METRIC_NAME_LABEL)) {
                metric = values[i];
                continue;
            }
            SeriesRules.Problem problem = rules.labelName(name);
            if (problem == null) {
                problem = rules.labelValue(values[i]);
            }
            if (problem != null) {
                throw problem.at(labelField(i));
            }
            if (!values[i].isEmpty()) {
                map.put(name, values[i]);
            }
        }
        if (metric == null || metric.isEmpty()) {
            throw new InvalidInputException(at() + ".labels", "no __name__ label: every series needs a metric name");
        }
        SeriesRules.Problem problem = rules.metricName(metric);
        if (problem != null) {
            throw problem.at(at() + ".labels.__name__");
        }
        return KnownSeries.canonical(new SeriesKey(metric, map));
    }

    private boolean repeated(int i, Set<String> seen) {
        if (seen != null) {
            return !seen.add(names[i]);
        }
        for (int j = 0; j < i; j++) {
            if (names[j].equals(names[i])) {
                return true;
            }
        }
        return false;
    }

    private Sample sample(SeriesKey key, int end, int index) {
        long bits = 0; // proto3 leaves zero values out: 0.0 at epoch 0
        long timestamp = 0;
        while (in.position() < end) {
            int tag = in.tag(end);
            if (tag == SAMPLE_VALUE) {
                bits = in.fixed64(end);
            } else if (tag == SAMPLE_TIMESTAMP) {
                timestamp = in.varint(end); // int64: negative values arrive as ten-byte two's complement
            } else {
                in.skip(tag & 7, end);
            }
        }
        String problem = SeriesRules.timestampProblem(timestamp, latestAllowed);
        if (problem != null) {
            throw new InvalidInputException(at() + ".samples[" + index + "].timestamp", problem);
        }
        // The raw bits are kept, so Prometheus' staleness marker (a particular NaN) survives as itself.
        return new Sample(key, Double.longBitsToDouble(bits), timestamp);
    }

    /** Label names and values: ASCII on the fast path, strict UTF-8 otherwise (malformed bytes are an error). */
    private String string(int from, int to, String what) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return utf8(from, to, what);
            }
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String utf8(int from, int to, String what) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(at() + ".labels[" + labels + "]", "label " + what + " is not valid UTF-8");
        }
    }

    private String at() {
        return "timeseries[" + series + "]";
    }

    /** {@code timeseries[3].labels.job} when the name is printable, {@code timeseries[3].labels[2]} otherwise. */
    private String labelField(int i) {
        String name = names[i];
        return name.isEmpty() || name.length() > rules.limits().maxLabelNameBytes() ? at() + ".labels[" + i + "]"
                : at() + ".labels." + name;
    }
}
