package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tocsin.engine.action.ActionSink;
import io.tocsin.engine.audit.AuditEntry;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.input.RetireRules;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.engine.state.StateLog;
import io.tocsin.testing.TestRules;
import io.tocsin.testing.Timeline;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A rules reload an operator asks for is an operator action: the audit trail records it, even one that changes nothing. */
class ReloadAuditTest {

    @Test
    void aReloadThatChangesNothingIsStillAudited() throws Exception {
        var compiled = TestRules.fixture();
        RuleSet fixture = new RuleSet(compiled::newSession, compiled.catalog(), "test");
        try (Engine engine = new Engine(() -> fixture, (rules, openedAt, saved) -> new Evaluator(rules.newSession(),
                rules.catalog(), Evaluator.Settings.defaults(), false, 0L, Evaluator.Setup.inMemory(Timeline.POLICY),
                saved), null, 1_000, Engine.Queues.samples(1_000), ActionSink.none(), null, StateLog.none(),
                Engine.SnapshotPolicy.defaults())) {
            engine.start();
            Engine.Reloaded done = engine.reload(fixture, new Origin("alice", "192.0.2.9", 42L)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertFalse(done.changed());
            engine.reload(fixture).toCompletableFuture().get(30, TimeUnit.SECONDS); // not an operator's: not audited
            List<AuditEntry> audit = engine.read(EngineView::audit).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(1, audit.size(), audit.toString());
            AuditEntry entry = audit.get(0);
            assertEquals(List.of("alice", "192.0.2.9", "reload-rules", "applied", Map.of()), List.of(entry.actor(),
                    entry.address(), entry.kind(), entry.outcome(), entry.details()));
        }
    }

    @Test
    void theRulesAReloadRemovesAreInItsEntry() {
        try (Timeline t = new Timeline()) {
            t.apply(new Attributed<>(new Origin("SIGHUP", null, 42L), new RetireRules(List.of("fixture.a",
                    "fixture.b"))));
            AuditEntry entry = t.evaluator().audit().get(0);
            assertEquals("SIGHUP", entry.actor());
            assertEquals("reload-rules", entry.kind());
            assertEquals(Map.of("removedRules", "fixture.a,fixture.b"), entry.details());
        }
    }
}
