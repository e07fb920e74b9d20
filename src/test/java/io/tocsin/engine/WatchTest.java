package io.tocsin.engine;

import io.tocsin.testing.Timeline;
import io.tocsin.watch.CheckpointRecord;
import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Watch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployment watch: checkpoints at exactly the runbook's times, milestones announced, closing. */
class WatchTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");


    static List<String> runbookCheckpoints() {
        List<String> labels = new ArrayList<>();
        for (int m = 15; m <= 360; m += 15) {
            labels.add("T+" + (m >= 60 ? m / 60 + "h" : "") + (m % 60 > 0 ? m % 60 + "m" : "")); // to T+6h
        }
        for (int h = 7; h <= 24; h++) {
            labels.add("T+" + h + "h"); // hourly to T+24h
        }
        for (int h = 27; h <= 48; h += 3) {
            labels.add("T+" + h + "h"); // every 3 hours to T+48h
        }
        return labels;
    }

    @Test
    void checkpointsFallAtExactlyTheRunbookTimes() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_test_pass_rate", GENESIS, 1);
            t.register("d1", "1.0.0", time("0"));
            for (long m = 5; m <= 49 * 60; m += 5) {
                t.post(m + "m", "genesis_test_pass_rate", GENESIS, 1);
            }
            List<CheckpointRecord> taken = t.evaluator().watch("d1").orElseThrow().checkpoints();
            assertEquals(runbookCheckpoints(), taken.stream().map(CheckpointRecord::label).toList());
            taken.forEach(c -> assertEquals(c.due(), c.at(), c.label() + " taken when due"));
            assertEquals("intensive", taken.get(0).phase());
            assertEquals("active", taken.get(24).phase());
            assertEquals("extended", taken.get(taken.size() - 1).phase());
            List<String> announced = t.actions(r -> "d1".equals(r.deployment()) && Timeline.watchTopic(r) != null).stream()
                    .map(r -> Timeline.watchTopic(r) + " " + r.receiver() + " " + r.destination()).toList();
            assertEquals(List.of("T+1h slack #genesis-monitoring", "T+6h slack #genesis-monitoring",
                    "T+12h slack #genesis-monitoring", "T+24h slack #genesis-monitoring",
                    "T+36h slack #genesis-monitoring", "T+48h slack #genesis-monitoring",
                    "verdict slack #genesis-monitoring"), announced, "the milestones, then the verdict (success)");
        }
    }

    @Test
    void aClockJumpTakesTheMissedCheckpointsLate() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            t.advance("0");
            t.advance("2h10m");
            List<CheckpointRecord> taken = t.evaluator().watch("d1").orElseThrow().checkpoints();
            assertEquals(8, taken.size(), "T+15m to T+2h");
            taken.forEach(c -> assertEquals(time("2h10m"), c.at()));
            assertEquals(time("2h"), taken.get(7).due());
        }
    }

    @Test
    void aCheckpointRecordsFiringAlertsAndActionsSinceThePreviousOne() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            t.every("1m", "0", "15m", "genesis_error_ratio", GENESIS, 0.002);
            CheckpointRecord first = t.evaluator().watch("d1").orElseThrow().checkpoints().get(0);
            assertTrue(first.firingAlerts().contains("HighErrorRate{service=\"genesis\"} P1"), first.toString());
            assertEquals(2, first.actionsSince().get("notify"), "the two HighErrorRate notifications");
        }
    }

    @Test
    void aRollbackClosesTheWatchAtTheRollbackInstant() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            t.every("1m", "0", "3h", "genesis_error_ratio", GENESIS, 0.0);
            t.every("1m", "3h1m", "3h10m", "genesis_error_ratio", GENESIS, 0.02);
            Watch watch = t.evaluator().watch("d1").orElseThrow().watch();
            assertEquals(Watch.State.ROLLED_BACK, watch.getState());
            assertEquals(time("3h6m"), watch.getClosedAt());
            int checkpoints = t.evaluator().watch("d1").orElseThrow().checkpoints().size();
            t.every("1m", "3h11m", "5h", "genesis_error_ratio", GENESIS, 0.0);
            assertEquals(checkpoints, t.evaluator().watch("d1").orElseThrow().checkpoints().size(), "no more checkpoints");
        }
    }

    @Test
    void anOperatorClosesAWatchWithAReason() {
        try (Timeline t = new Timeline()) {
            t.register("d1", "1.0.0", time("0"));
            t.advance("1h");
            Watch watch = t.closeWatch("d1", "hotfix superseded it", "erin");
            assertEquals(Watch.State.CLOSED, watch.getState());
            assertEquals("hotfix superseded it (by erin)", watch.getReason());
            Rejected again = assertThrows(Rejected.class, () -> t.closeWatch("d1", "again", "erin"));
            assertEquals(Rejected.Reason.CONFLICT, again.reason());
            List<Action> none = t.actions(r -> Timeline.watchTopic(r) != null && r.at() > time("1h"));
            t.advance("7h");
            assertEquals(none.size(), t.actions(r -> Timeline.watchTopic(r) != null && r.at() > time("1h")).size());
        }
    }
}
