package io.tocsin.engine.state;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.audit.AuditEntry;
import io.tocsin.sla.SlaLedger;
import io.tocsin.watch.SavedWatch;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows between two inputs, as data: what a snapshot holds. Facts that rules derive
 * (conditions) are not in it; they are derived again when the state is restored. Times are epoch ms; alerts and
 * the facts that refer to them are linked by alert id.
 *
 * @param format   version of this form ({@link #FORMAT})
 * @param now      engine time, null before the first evaluation
 * @param startedAt when evaluation began (absence is measured from it), null before the first evaluation
 * @param held      ids of silenced notifications to send when their silence ends (absent in older snapshots)
 * @param rulesHash content hash of the rules that ran ({@code sha256:…}; absent in older snapshots)
 * @param audit     the audit trail of operator actions, oldest first (absent in older snapshots)
 * @param lastAuditId the id of the newest audit entry ever recorded (0 in older snapshots)
 * @param sla       the SLA ledgers of the packs that declare an SLA (absent in older snapshots)
 */
public record EngineState(int format, Long now, Long startedAt, List<SeriesState> series, List<MetricState> metrics,
        List<HeldState> active, List<HeldState> resolved, List<RequestState> requests, List<ResultState> results,
        List<DeploymentState> deployments, List<SavedWatch> watches, List<SilenceState> silences,
        List<ActionState> actions, long lastActionId, Map<String, Long> firings, List<Long> held,
        String rulesHash, List<AuditEntry> audit, long lastAuditId, List<SlaLedger.State> sla) {

    public EngineState {
        held = held == null ? List.of() : held;
        audit = audit == null ? List.of() : audit;
        sla = sla == null ? List.of() : sla;
    }

    public static final int FORMAT = 1;

    /** A series with its latest sample, in the order the engine first saw them. */
    public record SeriesState(String metric, Map<String, String> labels, double value, long timestamp) {
    }

    /** A metric name and when it was last sampled (absence rules). */
    public record MetricState(String name, long lastSampleAt) {
    }

    /**
     * An alert or rollback criterion: the rule that holds it, its labels and its lifecycle. A resolved alert also
     * keeps its rule's description ({@code ruleInfo}), so it stays listed after its rule is removed by a reload.
     */
    public record HeldState(String rule, Map<String, String> labels, long activeAt, String state, Long firedAt,
            Long resolvedAt, Double value, AckState acknowledgement, AlertRuleState ruleInfo) {

        public HeldState(String rule, Map<String, String> labels, long activeAt, String state, Long firedAt,
                Long resolvedAt, Double value, AckState acknowledgement) {
            this(rule, labels, activeAt, state, firedAt, resolvedAt, value, acknowledgement, null);
        }
    }

    /** What the API shows of an alert rule: enough to list a resolved alert whose rule is gone. */
    public record AlertRuleState(String pack, String name, String file, int line, String alert, long forMillis,
            String priority, String summary, String runbook) {
    }

    /** Who acknowledged an alert, when and why. */
    public record AckState(String by, String comment, long at) {
    }

    /**
     * An action fact a rule inserted, kept so that guards such as {@code not Escalate( alert == $a, .. )} see it
     * after a restart. {@code kind} is {@code notify} (or {@code resolve}: a notification of a resolved
     * alert), {@code note}, {@code escalate}, {@code remediate},
     * {@code promote} or {@code rollback}; {@code alert} is an alert id; {@code deployment} a deployment id (for an
     * escalation or a note about a deployment); {@code insertedAt} is when it was decided (its {@code decidedAt};
     * for facts about no alert it also starts their retention).
     */
    public record RequestState(String kind, String rule, String alert, String receiver, String destination,
            String reason, String command, Integer attempt, Map<String, String> params, String deployment,
            Integer traffic, String criterion, Map<String, String> criterionLabels, String by, long insertedAt) {
    }

    /** A delivery outcome the rules saw ({@code ActionResult}); {@code deployment} for rollbacks and promotions. */
    public record ResultState(String actionId, String type, String receiver, String destination, String alert,
            int attempt, String outcome, Integer exitCode, long at, String deployment) {
    }

    /** A deployment and its rollback decision. */
    public record DeploymentState(String id, String version, long startedAt, boolean current, RollbackState rollback,
            Map<String, Double> baseline) {
    }

    public record RollbackState(long at, String reason, String by, String criterion) {
    }

    /** A silence, its matchers as written; {@code maintenance} marks a maintenance window. */
    public record SilenceState(String id, List<MatcherState> matchers, long startsAt, long endsAt, String createdBy,
            String comment, long createdAt, String expiredBy, boolean maintenance) {
    }

    public record MatcherState(String name, String value, boolean isRegex, boolean isEqual) {
    }

    /** A decided action and where its delivery stands. */
    public record ActionState(Action action, DeliveryState delivery) {
    }
}
