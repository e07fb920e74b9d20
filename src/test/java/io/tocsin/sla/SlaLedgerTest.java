package io.tocsin.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.SlaSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The SLA ledger and its reports: availability and error budget from the availability series' samples, the
 * averages of latency and error ratio against their targets, incidents overlapping the period, bounded memory,
 * and a saved ledger that reports the same.
 */
class SlaLedgerTest {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final SlaSpec SPEC = SlaSpec.parse("orchestrator",
            "availability up{job='genesis-orchestrator'} 99.9%; latency orchestrator_p95_seconds 1s;"
                    + " errors orchestrator_error_ratio 0.1%");
    private static final SeriesKey UP = new SeriesKey("up", Map.of("job", "genesis-orchestrator", "instance", "o1"));
    private static final SeriesKey P95 = new SeriesKey("orchestrator_p95_seconds", Map.of("instance", "o1"));
    private static final SeriesKey ERRORS = new SeriesKey("orchestrator_error_ratio", Map.of("instance", "o1"));

    /** 30 days sampled every 15 s; down from {@code downFrom} for {@code downMinutes}. */
    private static SlaLedger month(long downFrom, long downMinutes) {
        SlaLedger ledger = new SlaLedger(List.of(SPEC));
        for (long t = 0; t < 30 * DAY; t += 15_000) {
            boolean down = t >= downFrom && t < downFrom + downMinutes * MINUTE;
            ledger.record(UP, t, down ? 0 : 1);
            ledger.record(P95, t, 0.5);
            ledger.record(ERRORS, t, t < DAY ? 0.02 : 0.0004);
        }
        return ledger;
    }

    @Test
    void parsesItsObjectives() {
        assertEquals(0.999, SPEC.objective(SlaSpec.Kind.AVAILABILITY).target(), 1e-12);
        assertEquals(1.0, SPEC.objective(SlaSpec.Kind.LATENCY).target(), 1e-12);
        assertEquals(0.001, SPEC.objective(SlaSpec.Kind.ERRORS).target(), 1e-12);
        assertEquals("up{job=\"genesis-orchestrator\"}", SPEC.objective(SlaSpec.Kind.AVAILABILITY).series().toString());
    }

    @Test
    void aMonthWithin43MinutesOfDowntimeMeetsTheSla() {
        SlaReport r = month(10 * DAY, 30).report("orchestrator", SlaReport.Period.MONTHLY, 30 * DAY);
        assertEquals(43.2, r.errorBudget().budgetMinutes(), 1e-9);
        assertEquals(30, r.errorBudget().usedMinutes(), 1e-9);
        assertEquals(13.2, r.errorBudget().leftMinutes(), 1e-9);
        assertEquals(1 - 30.0 / (30 * 24 * 60), r.availability().value(), 1e-12);
        assertTrue(r.availability().met());
        assertEquals(0.5, r.latency().average(), 1e-12);
        assertTrue(r.latency().met());
        assertEquals((0.02 + 29 * 0.0004) / 30, r.errors().average(), 1e-9);
        assertEquals(0.02, r.errors().worst(), 1e-12);
        assertFalse(r.errors().met(), "a bad first day lifts the month's average error ratio above 0.1 %");
        assertFalse(r.met());
        assertEquals(1.0, r.coverage(), 1e-9);
    }

    @Test
    void moreDowntimeThanTheBudgetBreaksIt() {
        SlaReport r = month(10 * DAY, 50).report("orchestrator", SlaReport.Period.MONTHLY, 30 * DAY);
        assertEquals(-6.8, r.errorBudget().leftMinutes(), 1e-9);
        assertFalse(r.availability().met());
    }

    @Test
    void dailyAndWeeklyReportsCoverTheirOwnPeriod() {
        SlaLedger ledger = month(29 * DAY + 60 * MINUTE, 3);
        SlaReport day = ledger.report("orchestrator", SlaReport.Period.DAILY, 30 * DAY);
        assertEquals(1.44, day.errorBudget().budgetMinutes(), 1e-9);
        assertEquals(3, day.errorBudget().usedMinutes(), 1e-9);
        assertFalse(day.availability().met(), "3 minutes in a day is more than its 1.44");
        SlaReport week = ledger.report("orchestrator", SlaReport.Period.WEEKLY, 30 * DAY);
        assertEquals(10.08, week.errorBudget().budgetMinutes(), 1e-9);
        assertTrue(week.availability().met());
        assertEquals(0.0004, week.errors().average(), 1e-12);
    }

    @Test
    void incidentsAreThePacksP0AndP1AlertsWithTheirDurations() {
        SlaLedger ledger = new SlaLedger(List.of(SPEC));
        ledger.restore(List.of(new SlaLedger.State("orchestrator", List.of(), List.of(
                new SlaLedger.Incident("a", "GenesisOrchestratorDown{instance=\"o1\"}", "P0", 2 * DAY,
                        2 * DAY + 5 * MINUTE),
                new SlaLedger.Incident("b", "CriticalFailureRate{instance=\"o1\"}", "P1", 6 * DAY, null)))));
        SlaReport day = ledger.report("orchestrator", SlaReport.Period.DAILY, 6 * DAY + 30 * MINUTE);
        assertEquals(1, day.incidents().size());
        assertTrue(day.incidents().get(0).ongoing());
        assertEquals("30m", day.incidents().get(0).duration());
        SlaReport week = ledger.report("orchestrator", SlaReport.Period.WEEKLY, 6 * DAY + 30 * MINUTE);
        assertEquals(List.of("5m", "30m"), week.incidents().stream().map(SlaReport.IncidentLine::duration).toList());
        assertNull(week.availability().value(), "no samples, no availability");
        assertFalse(week.met());
    }

    @Test
    void keepsAtMost31DaysAndReportsTheSameAfterARestart() {
        SlaLedger ledger = month(10 * DAY, 30);
        ledger.alerts(40 * DAY, List.of()); // prunes
        ledger.record(UP, 40 * DAY, 1);
        SlaLedger restored = new SlaLedger(List.of(SPEC));
        restored.restore(ledger.capture());
        assertEquals(ledger.capture(), restored.capture());
        long hours = ledger.capture().get(0).buckets().stream().filter(b -> b.kind().equals("availability"))
                .map(SlaLedger.BucketState::hour).distinct().count();
        assertTrue(hours <= 31 * 24 + 1, hours + " hours kept");
        assertEquals(ledger.report("orchestrator", SlaReport.Period.MONTHLY, 40 * DAY),
                restored.report("orchestrator", SlaReport.Period.MONTHLY, 40 * DAY));
    }

    private static Alert firing(String name, Priority priority, long at) {
        RuleInfo rule = new RuleInfo("orchestrator." + name, "orchestrator", name, "sla.drl", 1, name, null, 0,
                priority, null, null, null, 0, null, List.of(), null, null, false, false, List.of(), null, null);
        Alert alert = new Alert(rule, new TreeMap<>(Map.of("instance", "o1")), at, 1.0);
        alert.fire(at);
        return alert;
    }

    private static List<SlaLedger.Incident> incidents(SlaLedger ledger) {
        return ledger.capture().get(0).incidents();
    }

    @Test
    void anIncidentIsOpenedOnceAndEndedOnceAndTheOldestMakeRoom() {
        SlaLedger ledger = new SlaLedger(List.of(SPEC));
        Alert first = firing("OrchestratorDown", Priority.P0, MINUTE);
        ledger.alerts(MINUTE, List.of(first));
        ledger.alerts(2 * MINUTE, List.of(first)); // told again (a restore): still one incident
        Alert minor = firing("SlowQueue", Priority.P3, MINUTE);
        ledger.alerts(2 * MINUTE, List.of(minor));
        minor.resolve(3 * MINUTE);
        ledger.alerts(3 * MINUTE, List.of(minor));
        assertEquals(List.of(new SlaLedger.Incident(first.getId(), "OrchestratorDown{instance=\"o1\"}", "P0", MINUTE,
                null)), incidents(ledger), "P3 alerts are no incidents");
        first.resolve(4 * MINUTE);
        ledger.alerts(4 * MINUTE, List.of(first));
        ledger.alerts(5 * MINUTE, List.of(first));
        assertEquals(4 * MINUTE, incidents(ledger).get(0).resolvedAt(), "ended when first resolved");

        List<Alert> more = new java.util.ArrayList<>();
        for (int i = 0; i < SlaLedger.MAX_INCIDENTS; i++) {
            more.add(firing("Down" + i, Priority.P1, 6 * MINUTE + i));
        }
        ledger.alerts(7 * MINUTE, more);
        assertEquals(SlaLedger.MAX_INCIDENTS, incidents(ledger).size());
        assertEquals(more.get(0).getId(), incidents(ledger).get(0).id(), "the oldest made room");
        ledger.alerts(7 * MINUTE, List.of(first)); // known no more: neither reopened nor ended
        assertEquals(SlaLedger.MAX_INCIDENTS, incidents(ledger).size());
        more.get(1).resolve(8 * MINUTE);
        ledger.alerts(8 * MINUTE, List.of(more.get(1)));
        assertEquals(8 * MINUTE, incidents(ledger).get(1).resolvedAt());
        assertNull(incidents(ledger).get(2).resolvedAt());

        SlaLedger restored = new SlaLedger(List.of(SPEC));
        restored.restore(ledger.capture());
        more.get(2).resolve(9 * MINUTE);
        restored.alerts(9 * MINUTE, List.of(more.get(2)));
        assertEquals(9 * MINUTE, incidents(restored).get(2).resolvedAt(), "open incidents end after a restore too");
    }
}
