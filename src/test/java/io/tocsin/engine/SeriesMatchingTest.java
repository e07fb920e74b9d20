package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.engine.fact.Series;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rollback's evidence asks for every criterion's series in one pass over the table: each list gets its own. */
class SeriesMatchingTest {

    @Test
    void eachListOfSelectorsGetsTheSeriesItMatchesByNameOnce() {
        try (Timeline t = new Timeline()) {
            t.batch(Timeline.sample("0", "up", Map.of("job", "api", "instance", "b"), 1),
                    Timeline.sample("0", "up", Map.of("job", "api", "instance", "a"), 1),
                    Timeline.sample("0", "up", Map.of("job", "db", "instance", "c"), 0),
                    Timeline.sample("0", "errors", Map.of("service", "s10"), 0.1),
                    Timeline.sample("0", "errors", Map.of("service", "s2"), 0.2),
                    Timeline.sample("0", "latency", Map.of(), 0.3));

            List<List<Series>> found = t.evaluator().seriesLookup().matching(List.of(
                    SeriesSelector.parseList("up{job='api'}"),
                    SeriesSelector.parseList("errors, up{job='db'}"),
                    SeriesSelector.parseList("up, up{instance='a'}"), // both match up{instance="a"}: listed once
                    SeriesSelector.parseList("absent_metric"),
                    List.of()));

            assertEquals(List.of(
                    List.of("up{instance=\"a\",job=\"api\"}", "up{instance=\"b\",job=\"api\"}"),
                    List.of("errors{service=\"s10\"}", "errors{service=\"s2\"}", "up{instance=\"c\",job=\"db\"}"),
                    List.of("up{instance=\"a\",job=\"api\"}", "up{instance=\"b\",job=\"api\"}",
                            "up{instance=\"c\",job=\"db\"}"),
                    List.of(),
                    List.of()),
                    found.stream().map(l -> l.stream().map(s -> s.getKey().toString()).toList()).toList());
        }
    }
}
