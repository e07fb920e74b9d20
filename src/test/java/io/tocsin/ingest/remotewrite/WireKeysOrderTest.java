package io.tocsin.ingest.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tocsin.engine.fact.KnownSeries;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import io.tocsin.ingest.SeriesRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A remembered series predicts the one that followed it; whatever the order of the next request, every series
 * gets its own key, the engine's instance when the engine holds it.
 */
class WireKeysOrderTest {

    private static final long T = 1_764_000_000_000L;
    private final SeriesRules rules = new SeriesRules(SeriesRules.Limits.defaults());

    private static byte[] request(String... services) {
        WriteRequestBuilder b = new WriteRequestBuilder();
        for (String s : services) {
            b.sample(1, T, "__name__", "order_test_ratio", "service", s);
        }
        return b.protobuf();
    }

    private List<SeriesKey> keys(WireKeys wire, byte[] request) {
        return WriteRequestDecoder.decode(request, request.length, Long.MAX_VALUE, rules, wire).samples().stream()
                .map(Sample::key).toList();
    }

    @Test
    void everyOrderDecodesToTheEngineKeys() {
        WireKeys wire = new WireKeys();
        List<SeriesKey> held = keys(wire, request("a", "b", "c", "d"));
        held.forEach(KnownSeries::register);
        try {
            Map<String, SeriesKey> byService = new java.util.HashMap<>();
            held.forEach(k -> byService.put(k.labels().get("service"), k));
            List<String[]> orders = List.of(
                    new String[] {"a", "b", "c", "d"}, // remembered, then predicted
                    new String[] {"a", "b", "c", "d"},
                    new String[] {"d", "c", "b", "a"}, // every prediction wrong
                    new String[] {"a", "c", "b", "d"},
                    new String[] {"a", "x", "b", "d"}, // x is not held: decoded, and breaks the chain
                    new String[] {"a", "b", "b", "c"}, // a series twice
                    new String[] {"a", "b", "c", "d"});
            for (String[] order : orders) {
                List<SeriesKey> got = keys(wire, request(order));
                for (int i = 0; i < order.length; i++) {
                    SeriesKey expected = byService.get(order[i]);
                    if (expected == null) {
                        assertEquals("order_test_ratio{service=\"" + order[i] + "\"}", got.get(i).toString());
                    } else {
                        assertSame(expected, got.get(i), String.join(",", order) + " at " + i);
                    }
                }
            }
            assertEquals(4, wire.size());
        } finally {
            held.forEach(KnownSeries::forget);
        }
    }

    @Test
    void aSeriesPredictsTheOneThatFollowedItUntilTheTableStartsAfresh() {
        WireKeys wire = new WireKeys();
        List<SeriesKey> held = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        List<WireKeys.Known> known = new ArrayList<>();
        for (String s : List.of("p", "q", "r")) {
            SeriesKey key = new SeriesKey("order_test_ratio", Map.of("service", s));
            KnownSeries.register(key);
            held.add(key);
            byte[] b = ("labels of " + s).getBytes(StandardCharsets.UTF_8);
            bytes.add(b);
            known.add(wire.remember(b, 0, b.length, WireKeys.hash(b, 0, b.length), key));
        }
        try {
            assertNull(wire.following(known.get(0), bytes.get(1), 0, bytes.get(1).length), "nothing followed yet");
            WireKeys.followed(known.get(0), known.get(1));
            assertSame(known.get(1), wire.following(known.get(0), bytes.get(1), 0, bytes.get(1).length));
            assertNull(wire.following(known.get(0), bytes.get(2), 0, bytes.get(2).length), "other bytes: a miss");
            byte[] padded = ("xx" + new String(bytes.get(1), StandardCharsets.UTF_8) + "yy")
                    .getBytes(StandardCharsets.UTF_8);
            assertSame(known.get(1), wire.following(known.get(0), padded, 2, padded.length - 2), "a view of a request");
            assertSame(known.get(1), wire.find(new WireKeys.Wire(), padded, 2, padded.length - 2,
                    WireKeys.hash(padded, 2, padded.length - 2)));
            // a table that starts afresh (more entries than the engine holds series, plus slack) predicts nothing
            for (int i = 0; wire.size() > 0 && i < 1_000_000; i++) {
                SeriesKey extra = new SeriesKey("order_test_extra", Map.of("i", Integer.toString(i)));
                KnownSeries.register(extra);
                byte[] b = ("extra " + i).getBytes(StandardCharsets.UTF_8);
                wire.remember(b, 0, b.length, WireKeys.hash(b, 0, b.length), extra);
                KnownSeries.forget(extra);
                if (wire.size() == 1) {
                    break; // cleared, then this one remembered
                }
            }
            assertEquals(1, wire.size());
            assertNull(wire.following(known.get(0), bytes.get(1), 0, bytes.get(1).length), "stale prediction");
        } finally {
            held.forEach(KnownSeries::forget);
        }
    }
}
