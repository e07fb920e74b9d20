package io.tocsin.engine;

import io.tocsin.engine.fact.Condition;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Follows the conditions rules hold, as truth maintenance inserts and retracts them, so the lifecycle sees the
 * held set without scanning working memory. Within one {@code fireAllRules} a condition may be retracted and
 * re-inserted; only the net set at the end matters.
 */
final class ConditionTracker implements RuleRuntimeEventListener {

    private final Map<HeldKey, Condition> held = new LinkedHashMap<>();
    /** Keys inserted or retracted since the last {@link #drainChanges}, in the order of their last insertion. */
    private Set<HeldKey> changes = new LinkedHashSet<>();

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Condition condition) {
            HeldKey key = HeldKey.of(condition);
            held.put(key, condition);
            changes.remove(key); // re-inserted: it now comes after those inserted before it, as in the held map
            changes.add(key);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // conditions are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getOldObject() instanceof Condition condition) {
            HeldKey key = HeldKey.of(condition);
            held.remove(key);
            changes.add(key);
        }
    }

    Collection<Condition> held() {
        return Collections.unmodifiableCollection(held.values());
    }

    /** The keys of conditions inserted or retracted since the last call (look them up with {@link #get}). */
    Set<HeldKey> drainChanges() {
        if (changes.isEmpty()) {
            return Set.of();
        }
        Set<HeldKey> out = changes;
        changes = new LinkedHashSet<>();
        return out;
    }

    /** The held condition with this key, or null. */
    Condition get(HeldKey key) {
        return held.get(key);
    }
}
