package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Silences are bounded: how many are pending or active at once, how long one lasts, how many expired are kept. */
class SilenceLimitsTest {

    private static CreateSilence silence(String id, long endsAt) {
        return new CreateSilence(id, List.of(Matcher.of("alertname", "X", false, true)), null, endsAt, "ops", "c");
    }

    @Test
    void countDurationAndExpiredOnesAreBounded() {
        Evaluator.Settings settings = Evaluator.Settings.defaults()
                .withLimits(EngineLimits.defaults().withMaxSilences(2));
        try (Timeline t = new Timeline(c -> Archive.none(), settings, null)) {
            t.post("0", "genesis_error_ratio", Map.of("service", "genesis"), 0);
            t.apply(silence("a", time("1h")));
            t.apply(silence("b", time("1h")));
            Rejected full = assertThrows(Rejected.class, () -> t.apply(silence("c", time("1h"))));
            assertEquals(Rejected.Reason.LIMIT, full.reason());
            assertEquals("silences", full.field());
            t.apply(new ExpireSilence("a", "ops"));
            t.apply(silence("c", time("1h")));
            t.apply(new ExpireSilence("b", "ops"));
            t.apply(new ExpireSilence("c", "ops"));
            t.apply(silence("d", time("1h")));
            assertEquals(List.of("b", "c", "d"), t.evaluator().silences().stream().map(s -> s.id()).toList(),
                    "at most as many expired ones as live ones are kept: the first to end is dropped");

            Rejected tooLong = assertThrows(Rejected.class, () -> t.apply(silence("e", time("720h") + 1)));
            assertEquals("endsAt", tooLong.field());
            assertEquals(Rejected.Reason.INVALID, tooLong.reason());
            // a start in the past (Alertmanager clients send them) counts from now: the past mutes nothing more
            t.apply(new ExpireSilence("d", "ops"));
            t.apply(new CreateSilence("f", List.of(Matcher.of("alertname", "X", false, true)), time("0") - 86_400_000L,
                    time("720h"), "ops", "c"));
            assertThrows(Rejected.class, () -> t.apply(new CreateSilence("g", List.of(Matcher.of("alertname", "X",
                    false, true)), time("0") - 86_400_000L, time("720h") + 1, "ops", "c")));
        }
    }
}
