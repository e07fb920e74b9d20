package io.tocsin.engine;

import io.tocsin.engine.fact.ActionRequest;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Collects the actions rules insert, with the rule that inserted each, for the engine to hand on after the
 * pass; and keeps action and result facts from piling up. Facts about a live alert leave the session with
 * it; facts about no alert (a rollback and its announcements) or about an alert that has already left (the
 * result of a restart that finished after the outage ended) leave after the retention, in engine time.
 */
final class ActionTracker implements RuleRuntimeEventListener {

    /** An action as a rule inserted it; {@code ruleId} is null for operator requests. */
    record Inserted(ActionRequest request, String ruleId) {
    }

    private record Timed(FactHandle handle, long insertedAt) {
    }

    private final KieSession session;
    private final Deque<Inserted> fresh = new ArrayDeque<>();
    private final Map<Alert, List<FactHandle>> byAlert = new HashMap<>();
    private final Deque<Timed> unattached = new ArrayDeque<>();
    private long now;

    ActionTracker(KieSession session) {
        this.session = session;
    }

    /** The engine time of the pass in progress, stamped on facts kept by time. */
    void now(long now) {
        this.now = now;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object fact = event.getObject();
        if (fact instanceof ActionRequest request) {
            fresh.add(new Inserted(request, event.getRule() == null ? null
                    : event.getRule().getPackageName() + "." + event.getRule().getName()));
            keep(request.getAlert(), event.getFactHandle());
        } else if (fact instanceof ActionResult result) {
            keep(result.getAlert(), event.getFactHandle());
        }
    }

    private void keep(Alert alert, FactHandle handle) {
        if (alert != null && session.getFactHandle(alert) != null) {
            byAlert.computeIfAbsent(alert, a -> new ArrayList<>()).add(handle);
        } else {
            unattached.addLast(new Timed(handle, now));
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // actions and results are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // removal is driven by purge() and expire()
    }

    /** Actions inserted since the last call, oldest first. */
    List<Inserted> drain() {
        List<Inserted> out = new ArrayList<>(fresh);
        fresh.clear();
        return out;
    }

    /** Deletes the action and result facts of an alert that leaves the session. */
    void purge(Alert alert) {
        List<FactHandle> handles = byAlert.remove(alert);
        if (handles != null) {
            handles.forEach(session::delete);
        }
    }

    /** Deletes facts without a live alert once they are older than {@code retentionMillis}. */
    void expire(long now, long retentionMillis) {
        while (!unattached.isEmpty() && now - unattached.peekFirst().insertedAt() > retentionMillis) {
            session.delete(unattached.pollFirst().handle());
        }
    }
}
