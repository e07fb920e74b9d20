package io.tocsin.dispatch;

import io.tocsin.dispatch.silence.Silences;
import io.tocsin.engine.ActionHandler;
import io.tocsin.engine.RuleInfo;
import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.Escalate;
import io.tocsin.engine.fact.Notify;
import io.tocsin.engine.fact.Remediate;
import io.tocsin.engine.fact.Rollback;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns each action rules request into delivery records (an escalation becomes one record per receiver of its
 * target; a rollback runs the rollback command), decides what is silenced or dry-run, records every one before
 * dispatch, and hands the rest to the outlet. Runs on the engine thread and never blocks.
 */
public final class ActionPlanner implements ActionHandler {

    private static final Logger LOG = Logger.getLogger(ActionPlanner.class);

    private final DispatchPolicy policy;
    private final Silences silences;
    private final ActionLog log;
    private final Consumer<ActionRecord> outlet;
    private final AtomicLong ids = new AtomicLong();

    public ActionPlanner(DispatchPolicy policy, Silences silences, ActionLog log, Consumer<ActionRecord> outlet) {
        this.policy = policy;
        this.silences = silences;
        this.log = log;
        this.outlet = outlet;
    }

    @Override
    public void handle(ActionRequest request, RuleInfo rule, long now) {
        for (ActionRecord record : plan(request, rule, now)) {
            ActionRecord.Status status = decide(request, record, now);
            record.mark(status);
            log.append(record);
            LOG.infof("action %s at %s by %s: %s", record, java.time.Instant.ofEpochMilli(now),
                    rule == null ? "operator" : "'" + rule.name() + "'", status.wire);
            if (status == ActionRecord.Status.PENDING) {
                outlet.accept(record);
            }
        }
    }

    private List<ActionRecord> plan(ActionRequest request, RuleInfo rule, long now) {
        SortedMap<String, String> labels = new TreeMap<>(request.getLabels());
        List<ActionRecord> records = new ArrayList<>();
        if (request instanceof Notify notify) {
            String deployment = notify.getRollback() != null ? notify.getRollback().getDeployment().getId()
                    : notify.getWatch() != null ? notify.getWatch().getDeploymentId() : null;
            String reason = notify.getRollback() != null ? notify.getRollback().getReason()
                    : notify.getCheckpoint() != null ? "checkpoint " + notify.getCheckpoint().getLabel() + " ("
                            + notify.getCheckpoint().getPhase() + " phase)"
                    : notify.getStep() != null ? "traffic step " + notify.getStep().getLabel() + " waits: "
                            + notify.getStep().getHeldBecause()
                    : notify.getWatch() != null ? "watch " + notify.getWatch().getState().wireName()
                            + (notify.getWatch().getExtensions() > 0 && notify.getWatch().isWatching()
                                    ? " (extended to " + java.time.Instant.ofEpochMilli(notify.getWatch().getEndsAt()) + ")" : "")
                            + ": " + notify.getWatch().getReason() : null;
            records.add(record(notify.getType(), now, request, labels, notify.getReceiver(), notify.getDestination(),
                    rule, deployment, reason, null,
                    notify.getCheckpoint() != null ? notify.getCheckpoint().getLabel()
                            : notify.getStep() != null ? "rollout"
                            : notify.getWatch() != null ? "verdict" : null));
        } else if (request instanceof Escalate escalate) {
            List<String> receivers = policy.escalation().get(escalate.getTarget());
            if (receivers == null || receivers.isEmpty()) {
                LOG.warnf("escalation target '%s' has no receivers (tocsin.escalation.%s.receivers); logging it",
                        escalate.getTarget(), escalate.getTarget());
                receivers = List.of("log");
            }
            for (String receiver : receivers) {
                records.add(record("escalate", now, request, labels, receiver, escalate.getTarget(), rule, null,
                        escalate.getReason(), null, null));
            }
        } else if (request instanceof Remediate remediate) {
            ActionRecord record = record("remediate", now, request, labels, "command", remediate.getCommand(), rule,
                    remediate.getWatch() == null ? null : remediate.getWatch().getDeploymentId(), null,
                    remediate.getAttempt(), null);
            record.params(remediate.getParams());
            records.add(record);
        } else if (request instanceof Rollback rollback) {
            records.add(record("rollback", now, request, labels, "command", policy.rollbackCommand(), rule,
                    rollback.getDeployment().getId(), rollback.getReason(), null, null));
        } else {
            LOG.errorf("unknown action %s; ignored", request.getClass().getName());
        }
        return records;
    }

    private ActionRecord record(String type, long now, ActionRequest request, SortedMap<String, String> labels,
            String receiver, String destination, RuleInfo rule, String deployment, String reason, Integer attempt,
            String checkpoint) {
        return new ActionRecord(ids.incrementAndGet(), type, now, request.getAlert(), labels, receiver, destination,
                rule, deployment, reason, attempt, checkpoint);
    }

    /** Silences mute what tells people about an alert; they never stop automation (remediation, rollback). */
    private ActionRecord.Status decide(ActionRequest request, ActionRecord record, long now) {
        boolean tellsPeople = request instanceof Notify n && n.getRollback() == null && n.getWatch() == null
                || request instanceof Escalate;
        if (tellsPeople && request.getAlert() != null
                && silences.muting(request.getAlert().getName(), request.getAlert().getLabels(), now).isPresent()) {
            return ActionRecord.Status.SILENCED;
        }
        if (policy.dryRun() || "command".equals(record.receiver()) && policy.dryRunCommands().contains(record.destination())) {
            return ActionRecord.Status.DRY_RUN;
        }
        return ActionRecord.Status.PENDING;
    }
}
