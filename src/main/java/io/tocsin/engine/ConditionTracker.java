package io.tocsin.engine;

import io.tocsin.engine.fact.Condition;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Condition condition) {
            held.put(HeldKey.of(condition), condition);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // conditions are immutable
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (event.getOldObject() instanceof Condition condition) {
            held.remove(HeldKey.of(condition));
        }
    }

    Collection<Condition> held() {
        return Collections.unmodifiableCollection(held.values());
    }

    /** The held conditions with their keys (made once, when the condition was inserted). */
    Collection<Map.Entry<HeldKey, Condition>> entries() {
        return Collections.unmodifiableCollection(held.entrySet());
    }

    /** The held condition with this key, or null. */
    Condition get(HeldKey key) {
        return held.get(key);
    }
}
