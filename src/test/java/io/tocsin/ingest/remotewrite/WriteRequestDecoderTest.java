package io.tocsin.ingest.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import io.tocsin.http.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The WriteRequest decoder on requests made by protobuf-java: what it accepts, and how it names problems. */
class WriteRequestDecoderTest {

    private static final long T = 1_764_000_000_000L;
    private static final SeriesKey ERRORS = new SeriesKey("genesis_error_ratio", Map.of("service", "genesis"));

    private static WriteRequestDecoder.Decoded decode(byte[] protobuf) {
        return decode(protobuf, Long.MAX_VALUE);
    }

    private static WriteRequestDecoder.Decoded decode(byte[] protobuf, long latestAllowed) {
        // a dirty, larger buffer, as the resource's reused one is
        byte[] buffer = Arrays.copyOf(protobuf, protobuf.length + 64);
        Arrays.fill(buffer, protobuf.length, buffer.length, (byte) 0x0a);
        return WriteRequestDecoder.decode(buffer, protobuf.length, latestAllowed);
    }

    static Stream<Arguments> valid() {
        SeriesKey up = new SeriesKey("up", Map.of("job", "genesis-orchestration", "instance", "g1"));
        return Stream.of(
                Arguments.of("sorted labels, as Prometheus sends them",
                        new WriteRequestBuilder().sample(0.002, T, "__name__", "genesis_error_ratio", "service",
                                "genesis"),
                        List.of(new Sample(ERRORS, 0.002, T))),
                Arguments.of("unsorted labels, __name__ last",
                        new WriteRequestBuilder().sample(1, T, "job", "genesis-orchestration", "instance", "g1",
                                "__name__", "up"),
                        List.of(new Sample(up, 1, T))),
                Arguments.of("an empty label value is no label",
                        new WriteRequestBuilder().sample(0.002, T, "__name__", "genesis_error_ratio", "service",
                                "genesis", "zone", ""),
                        List.of(new Sample(ERRORS, 0.002, T))),
                Arguments.of("several series and samples, in request order",
                        new WriteRequestBuilder()
                                .series(s -> s.labels("__name__", "genesis_error_ratio", "service", "genesis")
                                        .sample(0.1, T).sample(0.2, T + 15_000))
                                .sample(0, T, "__name__", "up", "instance", "g1", "job", "genesis-orchestration"),
                        List.of(new Sample(ERRORS, 0.1, T), new Sample(ERRORS, 0.2, T + 15_000),
                                new Sample(up, 0, T))),
                Arguments.of("zero value and zero timestamp, which proto3 leaves out",
                        new WriteRequestBuilder().sample(0.0, 0, "__name__", "genesis_error_ratio", "service",
                                "genesis"),
                        List.of(new Sample(ERRORS, 0.0, 0))),
                Arguments.of("metadata, exemplars and unknown fields are skipped",
                        new WriteRequestBuilder().metadata("genesis_error_ratio", "errors / all")
                                .unknown(9, 42)
                                .series(s -> s.unknown(7, 1).labels("service", "genesis")
                                        .exemplar(0.5, T).sample(0.002, T)
                                        .label("__name__", "genesis_error_ratio")),
                        List.of(new Sample(ERRORS, 0.002, T))),
                Arguments.of("UTF-8 label values",
                        new WriteRequestBuilder().sample(1, T, "__name__", "up", "site", "Zürich ☃"),
                        List.of(new Sample(new SeriesKey("up", Map.of("site", "Zürich ☃")), 1, T))),
                Arguments.of("a request with only metadata", new WriteRequestBuilder().metadata("up", "health"),
                        List.of()),
                Arguments.of("an empty request", new WriteRequestBuilder(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesValidRequests(String name, WriteRequestBuilder request, List<Sample> expected) {
        WriteRequestDecoder.Decoded decoded = decode(request.protobuf());
        assertEquals(expected, decoded.samples());
        assertEquals(0, decoded.histograms());
    }

    @Test
    void keepsNanInfinitiesAndTheStalenessMarkerBitForBit() {
        long normalNaN = 0x7ff8000000000001L; // Prometheus' math.NaN(), e.g. 0/0 in a recording rule
        byte[] request = new WriteRequestBuilder()
                .series(s -> s.labels("__name__", "genesis_error_ratio", "service", "genesis")
                        .sampleBits(normalNaN, T).sample(Double.POSITIVE_INFINITY, T + 1)
                        .sample(Double.NEGATIVE_INFINITY, T + 2).sampleBits(Sample.STALE_NAN_BITS, T + 3))
                .protobuf();
        List<Sample> samples = decode(request).samples();
        assertEquals(4, samples.size());
        assertTrue(Double.isNaN(samples.get(0).value()));
        assertFalse(samples.get(0).endsSeries(), "an ordinary NaN is a value");
        assertEquals(Double.POSITIVE_INFINITY, samples.get(1).value());
        assertEquals(Double.NEGATIVE_INFINITY, samples.get(2).value());
        assertTrue(samples.get(3).endsSeries(), "the staleness marker survives decoding");
        assertEquals(Sample.STALE_NAN_BITS, Double.doubleToRawLongBits(samples.get(3).value()));
    }

    @Test
    void nativeHistogramSamplesAreSkippedAndCounted() {
        byte[] request = new WriteRequestBuilder()
                .series(s -> s.labels("__name__", "rpc_seconds", "job", "api").histogram(T).histogram(T + 1))
                .series(s -> s.labels("__name__", "up", "job", "api").sample(1, T).histogram(T))
                .protobuf();
        WriteRequestDecoder.Decoded decoded = decode(request);
        assertEquals(List.of(new Sample(new SeriesKey("up", Map.of("job", "api")), 1, T)), decoded.samples());
        assertEquals(3, decoded.histograms());
    }

    static Stream<Arguments> invalid() {
        WriteRequestBuilder good = new WriteRequestBuilder().sample(0.002, T, "__name__", "genesis_error_ratio",
                "service", "genesis");
        String[] manyLabels = new String[44];
        manyLabels[0] = "__name__";
        manyLabels[1] = "up";
        for (int i = 1; i < 21; i++) {
            manyLabels[2 * i] = "l" + i;
            manyLabels[2 * i + 1] = "v";
        }
        manyLabels[42] = "l7";
        manyLabels[43] = "again";
        return Stream.of(
                Arguments.of("no __name__", new WriteRequestBuilder().sample(1, T, "job", "x"),
                        "timeseries[0].labels", "no __name__ label"),
                Arguments.of("empty __name__", new WriteRequestBuilder().sample(1, T, "__name__", "", "job", "x"),
                        "timeseries[0].labels", "no __name__ label"),
                Arguments.of("bad metric name, second series",
                        copy(good).sample(1, T, "__name__", "9lives"), "timeseries[1].labels.__name__",
                        "not a Prometheus metric name"),
                Arguments.of("metric name too long", new WriteRequestBuilder().sample(1, T, "__name__", "m".repeat(257)),
                        "timeseries[0].labels.__name__", "longer than 256 bytes"),
                Arguments.of("bad label name", new WriteRequestBuilder().sample(1, T, "__name__", "up", "bad-name", "x"),
                        "timeseries[0].labels.bad-name", "not a Prometheus label name"),
                Arguments.of("reserved label name", new WriteRequestBuilder().sample(1, T, "__name__", "up", "__tmp", "x"),
                        "timeseries[0].labels.__tmp", "reserved"),
                Arguments.of("empty label name", new WriteRequestBuilder().sample(1, T, "__name__", "up", "", "x"),
                        "timeseries[0].labels[1]", "not a Prometheus label name"),
                Arguments.of("repeated label name",
                        new WriteRequestBuilder().sample(1, T, "__name__", "up", "job", "a", "job", "b"),
                        "timeseries[0].labels.job", "repeated label name"),
                Arguments.of("repeated __name__",
                        new WriteRequestBuilder().sample(1, T, "__name__", "up", "__name__", "down"),
                        "timeseries[0].labels.__name__", "repeated label name"),
                Arguments.of("repeated among many labels", new WriteRequestBuilder().sample(1, T, manyLabels),
                        "timeseries[0].labels.l7", "repeated label name"),
                Arguments.of("label value too long",
                        new WriteRequestBuilder().sample(1, T, "__name__", "up", "x", "v".repeat(2049)),
                        "timeseries[0].labels.x", "longer than 2048"),
                Arguments.of("label value with a control character",
                        new WriteRequestBuilder().sample(1, T, "__name__", "up", "x", "a\u0000b"),
                        "timeseries[0].labels.x", "control character (U+0000)"),
                Arguments.of("label name too long",
                        new WriteRequestBuilder().sample(1, T, "__name__", "up", "n".repeat(129), "v"),
                        "timeseries[0].labels[1]", "longer than 128 bytes"),
                Arguments.of("too many labels", new WriteRequestBuilder().sample(1, T, labels(65)),
                        "timeseries[0].labels", "65 labels, more than 64"),
                Arguments.of("label value not UTF-8",
                        new WriteRequestBuilder().series(s -> s.label("__name__", "up")
                                .rawLabel("job".getBytes(StandardCharsets.US_ASCII), new byte[] {'a', (byte) 0xc3})
                                .sample(1, T)),
                        "timeseries[0].labels[1]", "label value is not valid UTF-8"),
                Arguments.of("negative timestamp", new WriteRequestBuilder().sample(1, -1, "__name__", "up"),
                        "timeseries[0].samples[0].timestamp", "negative"),
                Arguments.of("too far in the future",
                        new WriteRequestBuilder().series(s -> s.labels("__name__", "up").sample(1, T)
                                .sample(1, T + 600_001)),
                        "timeseries[0].samples[1].timestamp", "future tolerance"),
                Arguments.of("truncated in the second series", truncated(copy(good).sample(1, T, "__name__", "up")),
                        "timeseries[1]", "malformed protobuf"),
                Arguments.of("a length past the end", raw(0x0a, 0x05, 0x01), "timeseries[0]", "runs past the end"),
                Arguments.of("a group (wire type 3)", raw(0x0b, 0x0c), "body", "unsupported wire type 3"),
                Arguments.of("field number 0", raw(0x00, 0x01), "body", "invalid field tag 0"),
                Arguments.of("truncated label inside a series",
                        new WriteRequestBuilder().message(1, new byte[] {0x0a, 0x10, 0x0a, 0x02, 'u'}),
                        "timeseries[0]", "malformed protobuf"),
                Arguments.of("a varint that never ends", raw(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                        0xff, 0xff, 0x01), "body", "varint longer than 10 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidRequestsNamingTheSeriesAndLabel(String name, Object request, String field, String message) {
        byte[] protobuf = request instanceof WriteRequestBuilder b ? b.protobuf() : (byte[]) request;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> decode(protobuf, T + 600_000));
        assertEquals(field, e.field());
        assertTrue(e.reason().contains(message), e.reason());
        // with remembered label bytes too: a series is remembered only once it is valid and held
        WireKeys wire = new WireKeys();
        for (int i = 0; i < 2; i++) {
            e = assertThrows(InvalidInputException.class, () -> WriteRequestDecoder.decode(protobuf, protobuf.length,
                    T + 600_000, new io.tocsin.ingest.SeriesRules(io.tocsin.ingest.SeriesRules.Limits.defaults()), wire));
            assertEquals(field, e.field());
        }
        assertEquals(0, wire.size());
    }

    /**
     * Series the engine holds are found by their label bytes the next time, to the same samples and the engine's
     * own key instances; series it does not hold, and labels split by other fields, are decoded every time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesTheSameFromRememberedLabelBytes(String name, WriteRequestBuilder request, List<Sample> expected) {
        byte[] protobuf = request.protobuf();
        WireKeys wire = new WireKeys();
        io.tocsin.ingest.SeriesRules rules = new io.tocsin.ingest.SeriesRules(io.tocsin.ingest.SeriesRules.Limits.defaults());
        List<Sample> first = WriteRequestDecoder.decode(protobuf, protobuf.length, Long.MAX_VALUE, rules, wire).samples();
        List<SeriesKey> held = first.stream().map(Sample::key).distinct().toList();
        held.forEach(io.tocsin.engine.fact.KnownSeries::register);
        try {
            for (int i = 0; i < 3; i++) {
                List<Sample> again = WriteRequestDecoder.decode(protobuf, protobuf.length, Long.MAX_VALUE, rules, wire)
                        .samples();
                assertEquals(expected, again);
                for (int s = 0; s < again.size(); s++) {
                    assertTrue(again.get(s).key() == first.get(s).key(), "the engine's own key instance");
                }
            }
            boolean split = name.contains("unknown fields"); // its labels come before and after a sample
            assertEquals(split ? 0 : held.size(), wire.size());
        } finally {
            held.forEach(io.tocsin.engine.fact.KnownSeries::forget);
        }
    }

    @Test
    void seriesTheEngineDoesNotHoldAreNotRemembered() {
        WireKeys wire = new WireKeys();
        io.tocsin.ingest.SeriesRules rules = new io.tocsin.ingest.SeriesRules(io.tocsin.ingest.SeriesRules.Limits.defaults());
        byte[] request = new WriteRequestBuilder().sample(1, T, "__name__", "never_held_" + System.nanoTime(), "a", "b")
                .protobuf();
        SeriesKey first = WriteRequestDecoder.decode(request, request.length, Long.MAX_VALUE, rules, wire).samples()
                .get(0).key();
        SeriesKey second = WriteRequestDecoder.decode(request, request.length, Long.MAX_VALUE, rules, wire).samples()
                .get(0).key();
        assertEquals(first, second);
        assertFalse(first == second, "decoded afresh, as the engine does not hold it");
        assertEquals(0, wire.size());
    }

    @Test
    void oneSeriesInTwoLabelOrdersIsOneKey() {
        WireKeys wire = new WireKeys();
        io.tocsin.ingest.SeriesRules rules = new io.tocsin.ingest.SeriesRules(io.tocsin.ingest.SeriesRules.Limits.defaults());
        byte[] sorted = new WriteRequestBuilder().sample(0.1, T, "__name__", "genesis_error_ratio", "service", "genesis")
                .protobuf();
        byte[] reversed = new WriteRequestBuilder().sample(0.2, T, "service", "genesis", "__name__", "genesis_error_ratio")
                .protobuf();
        SeriesKey key = WriteRequestDecoder.decode(sorted, sorted.length, Long.MAX_VALUE, rules, wire).samples().get(0).key();
        io.tocsin.engine.fact.KnownSeries.register(key);
        try {
            for (byte[] request : List.of(sorted, reversed, sorted, reversed)) {
                assertTrue(key == WriteRequestDecoder.decode(request, request.length, Long.MAX_VALUE, rules, wire)
                        .samples().get(0).key());
            }
            assertEquals(2, wire.size());
        } finally {
            io.tocsin.engine.fact.KnownSeries.forget(key);
        }
    }

    @Test
    void countsTheSamplesOfARejectedRequestAsFarAsItCanBeRead() {
        byte[] request = new WriteRequestBuilder().sample(1, T, "__name__", "up")
                .series(s -> s.labels("__name__", "up", "job", "x").sample(1, T).sample(2, T + 1)).protobuf();
        assertEquals(3, WriteRequestDecoder.countSamples(request, request.length));
        assertEquals(1, WriteRequestDecoder.countSamples(request, request.length - 3));
    }

    /** A rejected request adds nothing: decoding is all or nothing (the samples list is never handed out). */
    @Test
    void aLaterProblemRejectsTheWholeRequest() {
        byte[] request = new WriteRequestBuilder().sample(1, T, "__name__", "up")
                .sample(1, T, "__name__", "up", "Bad", "x", "bad-too", "y").protobuf();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> decode(request));
        assertEquals("timeseries[1].labels.bad-too", e.field());
    }

    private static WriteRequestBuilder copy(WriteRequestBuilder request) {
        return new WriteRequestBuilder().message(1, firstSeries(request.protobuf()));
    }

    /** The body of the first TimeSeries of a request (tag 0x0a, one-byte length). */
    private static byte[] firstSeries(byte[] protobuf) {
        return Arrays.copyOfRange(protobuf, 2, 2 + protobuf[1]);
    }

    private static byte[] truncated(WriteRequestBuilder request) {
        byte[] protobuf = request.protobuf();
        return Arrays.copyOf(protobuf, protobuf.length - 4);
    }

    private static byte[] raw(int... values) {
        List<Byte> list = new ArrayList<>();
        for (int v : values) {
            list.add((byte) v);
        }
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = list.get(i);
        }
        return b;
    }

    /** {@code __name__="up"} and {@code n} labels besides. */
    private static String[] labels(int n) {
        String[] out = new String[2 + 2 * n];
        out[0] = "__name__";
        out[1] = "up";
        for (int i = 1; i <= n; i++) {
            out[2 * i] = "l" + i;
            out[2 * i + 1] = "v";
        }
        return out;
    }
}
