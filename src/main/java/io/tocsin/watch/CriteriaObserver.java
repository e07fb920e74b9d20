package io.tocsin.watch;

import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.Violation;
import io.tocsin.engine.fact.Watch;
import java.util.Collection;
import java.util.List;

/**
 * Records, after each settling round, which success criteria of an open watch are violated (their
 * {@code @success} rules hold a {@link Violation}) and the worst value while violated, into the watch's criteria
 * ledger; the verdict rules and reports read compliance from it. Violations inside a maintenance window (a
 * maintenance silence that matches the criterion's name and the series' labels) are not counted.
 */
final class CriteriaObserver {

    private CriteriaObserver() {
    }

    /** A violation that a maintenance window covers is excused: not recorded as one. */
    static void observe(Watch watch, List<RuleInfo> criteria, Collection<Condition> held, long now,
            MaintenanceView maintenance) {
        for (RuleInfo rule : criteria) {
            boolean lowest = "lowest".equals(rule.worst());
            Double worst = null;
            boolean violated = false;
            for (Condition c : held) {
                if (c instanceof Violation && c.getRuleId().equals(rule.id())
                        && !maintenance.covers(rule.success(), c.getLabels())) {
                    violated = true;
                    Double v = c.getValue();
                    if (v != null) {
                        worst = worst == null ? v : lowest ? Math.min(worst, v) : Math.max(worst, v);
                    }
                }
            }
            watch.getCriteria().observe(rule.success(), rule.required(), lowest, violated, worst, now);
        }
    }
}
