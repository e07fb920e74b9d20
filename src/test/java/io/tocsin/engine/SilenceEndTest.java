package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's behaviour when a silence ends: notifications it held back for an alert that still fires go out
 * then (once, the latest per route), a resolve goes out if its trigger had, and nothing is sent about an alert
 * nobody heard of. HighErrorRate (error ratio above 0.1% for 2 minutes, P1) notifies Slack and PagerDuty.
 */
class SilenceEndTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");
    private static final List<Matcher> HIGH_ERROR_RATE = List.of(Matcher.of("alertname", "HighErrorRate", false, true));

    private static void breach(Timeline t, String from, String to) {
        t.every("15s", from, to, "genesis_error_ratio", GENESIS, 0.005); // above 0.1%, below the 1% rollback criterion
    }

    private static List<String> routes(List<Action> actions) {
        return actions.stream().map(a -> a.type() + " " + a.receiver()).sorted().toList();
    }

    @Test
    void heldNotificationsOfAStillFiringAlertGoOutWhenTheSilenceExpires() {
        try (Timeline t = new Timeline()) {
            t.silence(HIGH_ERROR_RATE, "10m");
            breach(t, "0", "9m45s");
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            assertTrue(alert.isFiring());
            List<Action> silenced = t.newActions();
            assertEquals(List.of("notify pagerduty", "notify slack"), routes(silenced));
            silenced.forEach(a -> assertEquals(DeliveryState.Status.SILENCED, t.state(a).status()));
            assertEquals(List.of(), t.toDeliver());

            breach(t, "10m", "10m");
            List<Action> released = t.toDeliver();
            assertEquals(List.of("notify pagerduty", "notify slack"), routes(released));
            for (Action a : released) {
                assertEquals(alert.getId(), a.alert().id(), "the same alert instance");
                assertEquals(Timeline.time("10m"), a.at(), "decided when the silence ended");
                assertEquals(DeliveryState.Status.PENDING, t.state(a).status());
            }
            breach(t, "10m15s", "12m");
            assertEquals(List.of(), t.toDeliver(), "sent once");
        }
    }

    @Test
    void expiringASilenceEarlyReleasesAtOnce() {
        try (Timeline t = new Timeline()) {
            Silence silence = t.silence(HIGH_ERROR_RATE, "1h");
            breach(t, "0", "5m");
            assertEquals(List.of(), t.toDeliver());
            t.apply(new ExpireSilence(silence.id(), "carol"));
            List<Action> released = t.toDeliver();
            assertEquals(List.of("notify pagerduty", "notify slack"), routes(released));
            released.forEach(a -> assertEquals(Timeline.time("5m"), a.at()));
        }
    }

    @Test
    void anAlertResolvedUnderItsSilenceIsNeverAnnounced() {
        try (Timeline t = new Timeline()) {
            t.silence(HIGH_ERROR_RATE, "10m");
            breach(t, "0", "5m");
            t.every("15s", "5m15s", "12m", "genesis_error_ratio", GENESIS, 0);
            assertTrue(t.alert("HighErrorRate").isEmpty());
            assertEquals(List.of(), t.toDeliver(), "neither the trigger nor the resolve of an alert nobody heard of");
        }
    }

    @Test
    void aResolveHeldBackGoesOutWhenTheTriggerHadGoneOut() {
        try (Timeline t = new Timeline()) {
            breach(t, "0", "3m");
            assertEquals(List.of("notify pagerduty", "notify slack"), routes(t.toDeliver()));
            t.silence(HIGH_ERROR_RATE, "10m");
            t.every("15s", "3m15s", "9m45s", "genesis_error_ratio", GENESIS, 0);
            assertEquals(List.of(), t.toDeliver(), "the resolve is silenced");
            t.every("15s", "10m", "10m", "genesis_error_ratio", GENESIS, 0);
            assertEquals(List.of("resolve pagerduty", "resolve slack"), routes(t.toDeliver()),
                    "the pages opened before the silence are closed when it ends");
        }
    }

    @Test
    void whatASilenceHoldsSurvivesARestart() {
        Timeline first = new Timeline();
        first.silence(HIGH_ERROR_RATE, "10m");
        breach(first, "0", "9m");
        first.toDeliver();
        try (Timeline t = Timeline.restarted(first.capture())) {
            first.close();
            breach(t, "9m15s", "10m");
            assertEquals(List.of("notify pagerduty", "notify slack"), routes(t.toDeliver()));
        }
    }
}
