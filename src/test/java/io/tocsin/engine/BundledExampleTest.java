package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.watch.WatchLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The 48-hour example the README tells users to replay tells the story it promises, through the real rules. */
class BundledExampleTest {

    private static final Path EXAMPLE = Path.of("examples/genesis-48h");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theExampleSucceedsAfterHoldingThe25PercentStepThroughItsP1Alert() throws Exception {
        JsonNode deployment = json.readTree(EXAMPLE.resolve("deployment.json").toFile());
        Map<String, Double> baseline = new TreeMap<>();
        deployment.get("baseline").fields().forEachRemaining(e -> baseline.put(e.getKey(), e.getValue().asDouble()));
        List<RegisterDeployment.Step> steps = new ArrayList<>();
        deployment.get("steps").forEach(s -> steps.add(new RegisterDeployment.Step(Durations.millis(s.get("after").asText()),
                s.get("traffic").asInt())));
        long start = Instant.parse(deployment.get("startedAt").asText()).toEpochMilli();
        try (Timeline t = new Timeline()) {
            t.register("genesis-2.4.0", "2.4.0", start, baseline, steps);
            int batches = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(EXAMPLE.resolve("samples.ndjson.gz"))), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    List<Sample> batch = new ArrayList<>();
                    for (JsonNode s : json.readTree(line)) {
                        Map<String, String> labels = new TreeMap<>();
                        s.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                        batch.add(new Sample(new SeriesKey(s.get("metric").asText(), labels), s.get("value").asDouble(),
                                Instant.parse(s.get("timestamp").asText()).toEpochMilli()));
                    }
                    assertEquals(batch.size(), t.evaluator().apply(new SampleBatch(batch)).accepted());
                    batches++;
                }
            }
            assertEquals(48 * 60 + 1, batches);
            WatchLog log = t.evaluator().watch("genesis-2.4.0").orElseThrow();
            assertEquals(Watch.State.SUCCEEDED, log.watch().getState(), log.watch().getReason());
            RolloutStep quarter = log.steps().get(2);
            assertEquals(25, quarter.getTraffic());
            // due at T+4h while TestPassRateLow (P1) fired from T+4h to T+4h15m: promoted when it resolved
            assertEquals(start + Durations.millis("4h15m"), quarter.getPromotedAt());
            assertTrue(log.events().stream().anyMatch(e -> e.kind().equals("step-held")
                    && e.text().contains("TestPassRateLow")), log.events().toString());
            assertTrue(log.events().stream().anyMatch(e -> e.kind().equals("alert-firing")
                    && e.text().startsWith("HighLatencyP95")), "the latency rise at T+30h is on the timeline");
            assertEquals(50, log.checkpoints().size());
            assertTrue(t.actions(r -> "promote".equals(r.destination())).size() == 6, "five steps, then 100 %");
        }
    }
}
