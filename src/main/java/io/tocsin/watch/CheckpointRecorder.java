package io.tocsin.watch;

import io.tocsin.engine.fact.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Collects the {@link Checkpoint} facts that cadence rules insert, so the watch can record each one (a snapshot of
 * the firing alerts and the actions since the previous checkpoint) and remove it from the session.
 */
final class CheckpointRecorder implements RuleRuntimeEventListener {

    private final KieSession session;
    private final List<FactHandle> taken = new ArrayList<>();

    CheckpointRecorder(KieSession session) {
        this.session = session;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Checkpoint) {
            taken.add(event.getFactHandle());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // checkpoints are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // removal is driven by drain()
    }

    /** The checkpoints taken since the last call, removed from the session. */
    List<Checkpoint> drain() {
        List<Checkpoint> out = new ArrayList<>(taken.size());
        for (FactHandle handle : taken) {
            out.add((Checkpoint) session.getObject(handle));
            session.delete(handle);
        }
        taken.clear();
        return out;
    }
}
