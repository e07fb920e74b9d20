package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.testing.Samples;
import io.tocsin.testing.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pending alerts wait in a queue ordered by when their {@code for} runs out. Alerts that end before that leave an
 * entry behind; breaches that flap within a long {@code for} must not pile such entries up.
 */
class DueQueueTest {

    @Test
    void flappingWithinALongForLeavesNoPileOfEntries() {
        try (Timeline t = new Timeline()) {
            int hosts = 200;
            for (int step = 0; step < 40; step++) { // 10 minutes of 15 s rounds: HighCPUUsage (for 10m) never fires
                List<Sample> round = new ArrayList<>();
                double value = step % 2 == 0 ? 0.95 : 0.1;
                for (int h = 0; h < hosts; h++) {
                    round.add(Samples.sample("node_cpu_utilization_ratio", Map.of("instance", "h" + h), value,
                            Timeline.time("0") + step * 15_000L));
                }
                t.apply(new SampleBatch(round));
            }
            assertEquals(0, t.alerts().stream().filter(a -> a.getName().equals("HighCPUUsage")).count(),
                    "the last round was healthy: nothing pending");
            // 20 breaches x 200 hosts opened 4,000 pending alerts that all ended before their 10 minutes
            assertTrue(t.evaluator().dueQueueSize() <= 2 * 64 + 2 * hosts,
                    "left entries are compacted: " + t.evaluator().dueQueueSize());
        }
    }
}
