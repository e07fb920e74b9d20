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
 * pass; and removes action and result facts together with the alert they belong to, so the session does not
 * grow with history.
 */
final class ActionTracker implements RuleRuntimeEventListener {

    /** An action as a rule inserted it; {@code ruleId} is null for operator requests. */
    record Inserted(ActionRequest request, String ruleId) {
    }

    private final Deque<Inserted> fresh = new ArrayDeque<>();
    private final Map<Alert, List<FactHandle>> byAlert = new HashMap<>();

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object fact = event.getObject();
        if (fact instanceof ActionRequest request) {
            fresh.add(new Inserted(request, event.getRule() == null ? null
                    : event.getRule().getPackageName() + "." + event.getRule().getName()));
            index(request.getAlert(), event.getFactHandle());
        } else if (fact instanceof ActionResult result) {
            index(result.getAlert(), event.getFactHandle());
        }
    }

    private void index(Alert alert, FactHandle handle) {
        if (alert != null) {
            byAlert.computeIfAbsent(alert, a -> new ArrayList<>()).add(handle);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // actions are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // removal is driven by purge()
    }

    /** Actions inserted since the last call, oldest first. */
    List<Inserted> drain() {
        List<Inserted> out = new ArrayList<>(fresh);
        fresh.clear();
        return out;
    }

    /** Deletes the action and result facts of an alert that leaves the session. */
    void purge(Alert alert, KieSession session) {
        List<FactHandle> handles = byAlert.remove(alert);
        if (handles != null) {
            handles.forEach(session::delete);
        }
    }
}
