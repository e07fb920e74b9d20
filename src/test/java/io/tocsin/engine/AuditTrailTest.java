package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.audit.AuditEntry;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.input.Refused;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import io.tocsin.engine.state.EngineState;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operator input that comes with an origin is in the audit trail: who, from where, when (engine time and
 * the time the request came in), what, and whether it was applied or refused with which status and reason; the
 * trail is bounded and part of the saved state.
 */
class AuditTrailTest {

    private static final Map<String, String> GENESIS = Map.of("service", "genesis");

    private static <R> Attributed<R> by(String actor, Input<R> input) {
        return new Attributed<>(new Origin(actor, "192.0.2.7", 1_760_000_000_000L), input);
    }

    @Test
    void appliedAndRefusedInputsAreRecordedWithTheirOrigin() {
        try (Timeline t = new Timeline()) {
            t.every("15s", "0", "3m", "genesis_error_ratio", GENESIS, 0.02);
            Alert alert = t.alert("HighErrorRate").orElseThrow();
            t.apply(by("alice", new Acknowledge(alert.getId(), "alice", "on it")));
            Rejected unknown = assertThrows(Rejected.class,
                    () -> t.apply(by("bob", new Acknowledge("nope", "bob", null))));
            assertEquals(Rejected.Reason.NOT_FOUND, unknown.reason());
            t.apply(by("carol", new CreateSilence("s1", List.of(Matcher.of("alertname", "HighErrorRate", false,
                    true)), null, time("1h"), "carol", "maintenance")));
            Silence expired = t.apply(by("dave", new ExpireSilence("s1", "dave")));
            assertEquals("dave", expired.expiredBy());
            assertEquals("carol", expired.createdBy());
            assertThrows(Rejected.class, () -> t.apply(by("erin", new Refused("register-deployment", "id",
                    "required"))));

            List<AuditEntry> audit = t.evaluator().audit();
            assertEquals(List.of("acknowledge", "acknowledge", "create-silence", "expire-silence",
                    "register-deployment"), audit.stream().map(AuditEntry::kind).toList());
            AuditEntry ack = audit.get(0);
            assertEquals("alice", ack.actor());
            assertEquals("192.0.2.7", ack.address());
            assertEquals(1_760_000_000_000L, ack.receivedAt());
            assertEquals(time("3m"), ack.at(), "engine time orders it among alerts and actions");
            assertEquals(AuditEntry.APPLIED, ack.outcome());
            assertEquals(Map.of("alertId", alert.getId(), "comment", "on it"), ack.details());
            assertNull(ack.status());

            AuditEntry refused = audit.get(1);
            assertEquals(AuditEntry.REFUSED, refused.outcome());
            assertEquals(404, refused.status());
            assertTrue(refused.reason().contains("no pending or firing alert"), refused.reason());

            assertEquals("{alertname=\"HighErrorRate\"}", audit.get(2).details().get("matchers"));
            assertEquals("s1", audit.get(3).details().get("silenceId"));
            AuditEntry invalid = audit.get(4);
            assertEquals(400, invalid.status());
            assertEquals("id", invalid.field());
            assertEquals("required", invalid.reason());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), audit.stream().map(AuditEntry::id).toList());
        }
    }

    @Test
    void inputsWithoutAnOriginAreNotAudited() {
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.0);
            t.apply(new AdvanceClock(time("1m")));
            assertEquals(List.of(), t.evaluator().audit(), "rule tests and tools drive the engine without origins");
        }
    }

    @Test
    void theTrailKeepsTheMostRecentEntriesAndSurvivesARestart() {
        Evaluator.Settings settings = Evaluator.Settings.defaults()
                .withLimits(EngineLimits.defaults().withAuditEntries(3));
        EngineState saved;
        try (Timeline t = new Timeline(c -> Archive.none(), settings, null)) {
            t.post("0", "genesis_error_ratio", GENESIS, 0.0);
            for (int i = 1; i <= 5; i++) {
                t.apply(by("ops", new AdvanceClock(time(i + "m"))));
            }
            assertEquals(List.of(3L, 4L, 5L), t.evaluator().audit().stream().map(AuditEntry::id).toList());
            saved = t.capture();
        }
        try (Timeline t = new Timeline(c -> Archive.none(), settings, saved)) {
            assertEquals(List.of(3L, 4L, 5L), t.evaluator().audit().stream().map(AuditEntry::id).toList());
            t.apply(by("ops", new AdvanceClock(time("6m"))));
            assertEquals(List.of(4L, 5L, 6L), t.evaluator().audit().stream().map(AuditEntry::id).toList(),
                    "numbering continues after a restart");
        }
    }

    @Test
    void aDeploymentStartedOutsideTheWindowAroundEngineTimeIsRefused() {
        try (Timeline t = new Timeline()) {
            t.post("25h", "genesis_error_ratio", GENESIS, 0.0);
            Rejected tooOld = assertThrows(Rejected.class, () -> t.apply(by("ops", new RegisterDeployment("d1",
                    "1.0", time("0") - 1, Map.of(), List.of()))));
            assertEquals("startedAt", tooOld.field());
            t.register("d1", "1.0", time("1h"));
            t.register("d2", "1.0", time("30h"));  // on event time a replay registers before its samples
            Rejected badId = assertThrows(Rejected.class, () -> t.register("-rm", "1.0", null));
            assertEquals("id", badId.field());
            assertEquals(1, t.evaluator().audit().size());
        }
    }

    @Test
    void onTheWallClockADeploymentCannotStartFarAhead() {
        long now = Timeline.ORIGIN.toEpochMilli();
        var rules = io.tocsin.testing.TestRules.fixture();
        try (Evaluator e = new Evaluator(rules.newSession(), rules.catalog(), Evaluator.Settings.defaults(), true,
                now, Evaluator.Setup.inMemory(Timeline.POLICY), null)) {
            e.apply(new io.tocsin.engine.input.Tick(), now);
            Rejected ahead = assertThrows(Rejected.class, () -> e.apply(by("ops", new RegisterDeployment("d1",
                    "1.0", now + 300_001, Map.of(), List.of())), now));
            assertEquals("startedAt", ahead.field());
            assertEquals("d1", e.apply(by("ops", new RegisterDeployment("d1", "1.0", now + 300_000, Map.of(),
                    List.of())), now).getId());
            assertEquals(List.of(AuditEntry.REFUSED, AuditEntry.APPLIED),
                    e.audit().stream().map(AuditEntry::outcome).toList());
        }
    }
}
