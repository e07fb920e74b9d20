package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Series;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.rules.RuleCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.core.common.MemoryFactory;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.PathMemory;
import org.drools.core.reteoo.TerminalNode;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Matches Drools cancels but keeps (a fact changed so that a one-pattern rule no longer matches it, or deleted)
 * are cleared, and the matches that still hold keep firing as before. If a Drools upgrade fixes the leak,
 * {@link #droolsKeepsCancelledMatches} fails: then the sweep can go.
 */
class DormantMatchSweepTest {

    private static final String RULES = """
            package demo;

            import io.tocsin.engine.fact.*;

            global java.util.concurrent.atomic.AtomicInteger fired;

            rule "Hot"
            when
                $s : Series( metric == "m", value > 5 )
            then
                fired.incrementAndGet();
            end
            """;

    private static final int SERIES = 200;
    private static final int ROUNDS = 60;
    private static final int DEFAULT = Integer.MAX_VALUE;

    @Test
    void droolsKeepsCancelledMatches() {
        Run run = new Run(-1);
        run.flap(() -> { });
        // every series matched in about half the rounds: each recovery left its match behind
        assertTrue(run.dormant() > 5 * SERIES, "dormant matches without the sweep: " + run.dormant());
    }

    @Test
    void sweptAfterEveryFireExactlyTheMatchesThatHoldRemain() {
        Run swept = new Run(0);
        Run plain = new Run(-1);
        swept.flap(() -> assertEquals(swept.holding(), swept.dormant(), "dormant matches after a sweep"));
        plain.flap(() -> { });
        assertEquals(plain.fired.get(), swept.fired.get(), "the rule fires exactly as without the sweep");
        assertTrue(swept.sweep.removed() > 0);
    }

    @Test
    void sweptWhenDoubledTheListStaysWithinTwiceWhatHolds() {
        Run swept = new Run(DEFAULT);
        swept.flap(() -> assertTrue(swept.dormant() <= Math.max(1024, 2 * swept.holding()),
                "dormant: " + swept.dormant()));
        assertTrue(swept.sweep.removed() > 0);
    }

    @Test
    void deletedFactsLeaveNothingBehind() {
        Run run = new Run(0);
        for (int round = 0; round < 30; round++) {
            List<FactHandle> handles = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                handles.add(run.session.insert(new Series(new SeriesKey("m", Map.of("i", "" + i)), 9, round)));
            }
            run.fire();
            handles.forEach(run.session::delete);
            run.fire();
            assertEquals(0, run.dormant(), "dormant after deleting every fact");
        }
        assertEquals(3000, run.fired.get());
        assertEquals(1, run.sweep.rules());
    }

    /** One session of the rule, series flapping across its threshold, with or without the sweep. */
    private static final class Run {
        final KieSession session = RuleCompiler.compile(Map.of("demo/r.drl", RULES)).newSession();
        final AtomicInteger fired = new AtomicInteger();
        final DormantMatchSweep sweep;
        final Series[] series = new Series[SERIES];
        final FactHandle[] handles = new FactHandle[SERIES];

        /** {@code minSweep}: -1 no sweep, {@link #DEFAULT} the engine's, else swept from that size on. */
        Run(int minSweep) {
            session.setGlobal("fired", fired);
            sweep = minSweep < 0 ? null : minSweep == DEFAULT ? new DormantMatchSweep(session)
                    : new DormantMatchSweep(session, minSweep);
        }

        /** Series crossing the threshold back and forth; {@code check} after every round's fire. */
        void flap(Runnable check) {
            for (int i = 0; i < SERIES; i++) {
                series[i] = new Series(new SeriesKey("m", Map.of("i", "" + i)), 0, 0);
                handles[i] = session.insert(series[i]);
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < SERIES; i++) {
                    boolean hot = ((i * 7 + round * 13) % 10) < 5; // about half, changing every round
                    series[i].record(hot ? 9 : 1, round * 15_000L);
                    session.update(handles[i], series[i]);
                }
                fire();
                check.run();
            }
        }

        void fire() {
            session.fireAllRules();
            if (sweep != null) {
                sweep.afterFire();
            }
        }

        int holding() {
            int n = 0;
            for (Series s : series) {
                n += s != null && s.getValue() > 5 ? 1 : 0;
            }
            return n;
        }

        int dormant() {
            InternalRuleBase base = (InternalRuleBase) session.getKieBase();
            int n = 0;
            for (TerminalNode node : base.getReteooBuilder().getTerminalNodes().values().iterator().next()) {
                @SuppressWarnings("unchecked")
                PathMemory memory = ((ReteEvaluator) session).getNodeMemory((MemoryFactory<PathMemory>) node);
                n += memory.getRuleAgendaItem().getRuleExecutor().getDormantMatches().size();
            }
            return n;
        }
    }
}
