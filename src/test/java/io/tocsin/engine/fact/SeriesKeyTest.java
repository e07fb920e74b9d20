package io.tocsin.engine.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    /** sortByName orders as the comparator it replaces (by the rendered name) did, items and all. */
    @Test
    void sortByNameOrdersByTheRenderedName() {
        List<SeriesKey> keys = new ArrayList<>(List.of(
                new SeriesKey("up", Map.of("instance", "host-10", "job", "b")),
                new SeriesKey("up", Map.of("instance", "host-9", "job", "a")),
                new SeriesKey("genesis_error_ratio", Map.of("service", "svc-2")),
                new SeriesKey("up", Map.of()),
                new SeriesKey("genesis_error_ratio", Map.of("service", "svc-10")),
                new SeriesKey("up", Map.of("instance", "host-10", "job", "a"))));
        List<SeriesKey> expected = new ArrayList<>(keys);
        expected.sort(Comparator.comparing(SeriesKey::toString));
        List<Map.Entry<SeriesKey, Integer>> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            items.add(Map.entry(keys.get(i), i));
        }

        SeriesKey.sortByName(items, e -> e.getKey().toString());

        assertEquals(expected, items.stream().map(Map.Entry::getKey).toList());
        assertEquals(List.of("genesis_error_ratio{service=\"svc-10\"}", "genesis_error_ratio{service=\"svc-2\"}",
                "up", "up{instance=\"host-10\",job=\"a\"}", "up{instance=\"host-10\",job=\"b\"}",
                "up{instance=\"host-9\",job=\"a\"}"), items.stream().map(e -> e.getKey().toString()).toList());
        for (Map.Entry<SeriesKey, Integer> e : items) {
            assertEquals(e.getKey(), keys.get(e.getValue())); // each item kept its own key
        }
    }
}
