package io.tocsin.watch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Decides when a watch is written to its store. An urgent change (a checkpoint, an extension, a step, the
 * verdict, evidence) is saved at the end of the evaluation that made it; other changes (alerts and actions on
 * the timeline, which come in storms, while an open watch's file carries its series history) at most once a
 * minute of engine time. A failure is logged and retried at the next evaluation.
 */
final class WatchSaver {

    private static final Logger LOG = Logger.getLogger(WatchSaver.class);
    static final long SAVE_EVERY_MILLIS = 60_000;

    private final WatchStore store;
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> urgent = new HashSet<>();
    private final Map<String, Long> lastSaved = new HashMap<>();

    WatchSaver(WatchStore store) {
        this.store = store;
    }

    void dirty(String deploymentId) {
        dirty.add(deploymentId);
    }

    void urgent(String deploymentId) {
        dirty.add(deploymentId);
        urgent.add(deploymentId);
    }

    /** Saves what is due at {@code now}; {@code saved} turns a deployment id into its saved form. */
    void save(long now, Function<String, WatchStore.Saved> saved) {
        for (String id : List.copyOf(dirty)) {
            Long last = lastSaved.get(id);
            if (!urgent.contains(id) && last != null && now - last < SAVE_EVERY_MILLIS) {
                continue;
            }
            try {
                store.save(saved.apply(id));
                dirty.remove(id);
                urgent.remove(id);
                lastSaved.put(id, now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not save the watch of deployment '%s'; a restart would lose what it recorded"
                        + " since the last save", id);
                return;
            }
        }
    }
}
