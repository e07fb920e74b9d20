package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import io.tocsin.engine.fact.Durations;
import io.tocsin.watch.WatchLog;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.input.Sample;
import io.tocsin.report.FileArchive;
import io.tocsin.report.HtmlReport;
import io.tocsin.report.MarkdownReport;
import io.tocsin.report.WatchReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a watch leaves behind, on whole 48-hour timelines replayed on event time: the series history and its
 * trends, the final report (JSON, Markdown, HTML with charts) written when a watch closes, the evidence bundle
 * of a rollback, and the watch itself surviving a restart.
 */
class WatchReportTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final long MINUTE = 60_000;

    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path data;

    /** The metrics every criterion reads, every 5 minutes; the functions of the offset give the moving ones. */
    private static void replay(Timeline t, String from, String to, LongFunction<Double> errors,
            LongFunction<Double> memory) {
        for (long at = time(from); at <= time(to); at += 5 * MINUTE) {
            long offset = at - time("0");
            String o = offset + "ms";
            List<Sample> batch = new ArrayList<>();
            batch.add(Timeline.sample(o, "genesis_test_pass_rate", GENESIS, 0.995));
            batch.add(Timeline.sample(o, "genesis_error_ratio", GENESIS, errors.apply(offset)));
            batch.add(Timeline.sample(o, "genesis_operation_p95_seconds", GENESIS, 0.12));
            batch.add(Timeline.sample(o, "up", Map.of("job", "genesis-orchestration"), 1));
            batch.add(Timeline.sample(o, "node_memory_utilization_ratio", Map.of("instance", "g1"),
                    memory.apply(offset)));
            t.batch(o, batch.toArray(Sample[]::new));
        }
    }

    private static double hours(long offset) {
        return offset / 3_600_000.0;
    }

    private Timeline timeline() {
        return new Timeline(catalog -> new FileArchive(data, json, catalog));
    }

    private JsonNode read(Path file) throws IOException {
        return json.readTree(file.toFile());
    }

    @Test
    void aSucceededWatchLeavesAFinalReportInEveryFormatWithChartsAndThresholds() throws IOException {
        try (Timeline t = timeline()) {
            t.register("d1", "1.0.0", time("0"));
            replay(t, "0", "48h", x -> 0.0002, x -> 0.5);
            assertEquals(Watch.State.SUCCEEDED, t.evaluator().watch("d1").orElseThrow().watch().getState());
        }
        JsonNode report = read(data.resolve("reports/d1/report.json"));
        assertEquals("succeeded", report.get("state").asText());
        assertTrue(report.get("finalReport").asBoolean());
        JsonNode errors = criterion(report, "ErrorRatio");
        assertEquals(0.001, errors.at("/series/0/threshold").asDouble());
        assertEquals("genesis_error_ratio{service=\"genesis\"}", errors.at("/series/0/series").asText());
        // one point a minute with a sample (every 5 minutes) over 48 hours, both ends included
        assertEquals(48 * 12 + 1, errors.at("/series/0/points").size());
        assertEquals(1.0, errors.get("compliance").asDouble());
        assertTrue(stream(report.get("timeline")).anyMatch(e -> e.get("kind").asText().equals("promotion")
                && e.get("offset").asText().equals("T+48h")), report.get("timeline").toPrettyString());
        assertEquals(50, report.get("checkpoints").size()); // 24 intensive, 18 active, 8 extended
        String html = Files.readString(data.resolve("reports/d1/report.html"));
        assertTrue(html.contains("<line class=\"threshold\" data-value=\"0.001\""), "error ratio threshold line");
        assertTrue(html.contains("<line class=\"threshold\" data-value=\"0.2\""), "latency threshold line");
        assertTrue(html.contains("data-series=\"genesis_error_ratio{service=&quot;genesis&quot;}\""));
        assertFalse(html.contains("class=\"violation\""), "a clean watch has nothing to shade");
        assertFalse(html.contains("<script") || html.contains("http://") && !html.contains("http://www.w3.org"),
                "no script and no address but the SVG namespace");
        String markdown = Files.readString(data.resolve("reports/d1/report.md"));
        assertTrue(markdown.contains("| ErrorRatio | 100% | 99% | yes | - | none |"), markdown);
    }

    @Test
    void aSustainedViolationAtHour30IsShadedAndExtendsTheWatch() throws IOException {
        try (Timeline t = timeline()) {
            t.register("d1", "1.0.0", time("0"));
            // 0.3 % errors from T+30h to T+31h: below the rollback criterion, above the success criterion
            replay(t, "0", "48h", x -> hours(x) >= 30 && hours(x) < 31 ? 0.003 : 0.0002, x -> 0.5);
            WatchLog log = t.evaluator().watch("d1").orElseThrow();
            assertEquals(Watch.State.WATCHING, log.watch().getState());
            assertEquals(1, log.watch().getExtensions());
            WatchReport report = WatchReport.build(log, t.evaluator().history(), t.evaluator().catalog(),
                    time("48h"), false);
            WatchReport.Criterion errors = report.criteria().stream().filter(c -> c.name().equals("ErrorRatio"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(new WatchReport.Range("2025-10-19T21:00:00Z", "2025-10-19T22:00:00Z",
                    time("30h"), time("31h"))), errors.violations());
            assertEquals(0.003, errors.worst(), 1e-12);
            // the extension is judged on its own: nothing violated in it yet (the first 48 hours failed, see below)
            assertTrue(errors.met());
            assertEquals("2025-10-20T15:00:00Z", report.assessedFrom());
            String html = HtmlReport.render(report);
            assertTrue(html.contains("<rect class=\"violation\" data-from=\"2025-10-19T21:00:00Z\" data-to=\""
                    + "2025-10-19T22:00:00Z\""), "violation range shaded");
            assertTrue(report.timeline().stream().anyMatch(e -> e.kind().equals("extended")
                    && e.text().contains("ErrorRatio")), report.timeline().toString());
            assertTrue(MarkdownReport.render(report).contains("T+30h to T+31h"));
        }
    }

    @Test
    void aRollbackAtHour3PreservesEvidenceAndClosesTheWatchWithAFinalReport() throws Exception {
        try (Timeline t = timeline()) {
            t.register("d1", "1.0.0", time("0"));
            // 2 % errors from T+3h: the rollback criterion (above 1 % for 5 minutes) is met at T+3h05m
            replay(t, "0", "3h30m", x -> hours(x) >= 3 ? 0.02 : 0.0002, x -> 0.5);
            WatchLog log = t.evaluator().watch("d1").orElseThrow();
            assertEquals(Watch.State.ROLLED_BACK, log.watch().getState());
            assertEquals(time("3h5m"), log.watch().getClosedAt());
            assertEquals("evidence/d1/20251018T180500Z.json", log.evidence());
        }
        JsonNode evidence = read(data.resolve("evidence/d1/20251018T180500Z.json"));
        assertEquals("d1", evidence.get("deployment").asText());
        assertEquals("ErrorRatioAbove1Percent", evidence.at("/rollback/criterion").asText(),
                evidence.toPrettyString());
        assertTrue(stream(evidence.get("firingAlerts")).anyMatch(a -> a.get("name").asText().equals("HighErrorRate")),
                "the alert that fired is in the bundle");
        JsonNode errorSeries = stream(evidence.get("series")).filter(c -> c.get("criterion").asText()
                .equals("ErrorRatio")).findFirst().orElseThrow().at("/series/0");
        assertEquals(0.02, errorSeries.get("latest").asDouble());
        assertEquals(13, errorSeries.get("minutes").size()); // the last hour, a sample every 5 minutes
        // the rule files' checksums are those of the rules that ran (the test pack)
        byte[] watchDrl = Files.readAllBytes(Path.of("src/test/rules/fixture/watch.drl"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(watchDrl)),
                evidence.at("/ruleChecksums/fixture~1watch.drl").asText());
        JsonNode report = read(data.resolve("reports/d1/report.json"));
        assertEquals("rolled-back", report.get("state").asText());
        assertEquals("evidence/d1/20251018T180500Z.json", report.get("evidence").asText());
        assertTrue(Files.readString(data.resolve("reports/d1/report.html"))
                .contains("href=\"../../evidence/d1/20251018T180500Z.json\""));
        assertTrue(stream(report.get("timeline")).anyMatch(e -> e.get("kind").asText().equals("rollback")));
    }

    @Test
    void memoryRisingSteadilyViolatesTheGrowthCriterionOnceTheTrendWindowIsCovered() {
        try (Timeline t = timeline()) {
            t.register("d1", "1.0.0", time("0"));
            // 40 % to 70 % over the first 10 hours, then flat; a busy hour (a spike) after that is no trend
            replay(t, "0", "20h", x -> 0.0002, x -> hours(x) < 10 ? 0.4 + 0.03 * hours(x)
                    : hours(x) >= 17 && hours(x) < 18 ? 0.78 : 0.7);
            var growth = t.evaluator().watch("d1").orElseThrow().watch().getCriteria().all().stream()
                    .filter(c -> c.name().equals("NoMemoryGrowth")).findFirst().orElseThrow();
            assertEquals(1, growth.ranges().size(), growth.ranges().toString());
            long from = growth.ranges().get(0).from() - time("0");
            long to = growth.ranges().get(0).to() - time("0");
            // judged once the minutes span 90% of 6 hours; over by when the last 6 hours rose under 10 %
            assertTrue(from >= Durations.millis("5h24m") && from <= Durations.millis("5h30m"), Durations.format(from));
            assertTrue(to > Durations.millis("10h") && to < Durations.millis("15h"), Durations.format(to));
            assertTrue(growth.worst() > 0.4, "the worst growth over a window: 40 % to 58 % is +45 %");
        }
    }

    @Test
    void aWatchSurvivesARestartWithItsCheckpointsCriteriaAndHistory() throws IOException {
        io.tocsin.engine.state.EngineState saved;
        int checkpoints;
        try (Timeline t = timeline()) {
            t.register("d1", "1.0.0", time("0"));
            // 10 minutes of errors above the criterion: within what it allows over 48 hours
            replay(t, "0", "10h", x -> x >= time("2h") - time("0") && x < time("2h10m") - time("0") ? 0.003
                    : 0.0002, x -> 0.5);
            checkpoints = t.evaluator().watch("d1").orElseThrow().checkpoints().size();
            assertEquals(28, checkpoints); // 24 intensive to T+6h, then T+7h to T+10h
            saved = json.readValue(json.writeValueAsBytes(t.capture()), io.tocsin.engine.state.EngineState.class);
        }
        try (Timeline t = new Timeline(catalog -> new FileArchive(data, json, catalog),
                io.tocsin.engine.Evaluator.Settings.defaults(), saved)) {
            WatchLog log = t.evaluator().watch("d1").orElseThrow();
            assertEquals(Watch.State.WATCHING, log.watch().getState());
            assertEquals(checkpoints, log.checkpoints().size());
            assertEquals(time("11h"), log.watch().getNextCheckpointAt());
            var errors = log.watch().getCriteria().all().stream().filter(c -> c.name().equals("ErrorRatio"))
                    .findFirst().orElseThrow();
            assertEquals(new io.tocsin.engine.fact.WatchCriteria.Range(time("2h"), time("2h10m")), errors.ranges().get(0));
            assertEquals(10 * 12 + 1, t.evaluator().history().lines(time("0"), time("10h") + 1).get(0).points().size());
            replay(t, "10h5m", "48h", x -> 0.0002, x -> 0.5);
            log = t.evaluator().watch("d1").orElseThrow();
            assertEquals(Watch.State.SUCCEEDED, log.watch().getState());
            assertEquals(50, log.checkpoints().size(), "no checkpoint taken twice or lost across the restart");
        }
        JsonNode report = read(data.resolve("reports/d1/report.json"));
        // the chart spans the restart: minutes from before it and after it
        assertEquals(48 * 12 + 1, criterion(report, "ErrorRatio").at("/series/0/points").size());
    }

    private static JsonNode criterion(JsonNode report, String name) {
        return stream(report.get("criteria")).filter(c -> c.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + name + " in " + report));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        assertNotNull(array);
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }
}
