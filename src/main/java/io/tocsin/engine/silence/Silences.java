package io.tocsin.engine.silence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator silences, part of the engine's state: created and expired by engine inputs and consulted when actions
 * are decided, all on the engine thread. Expired silences stay listed for {@link #EXPIRED_RETENTION_MILLIS}
 * after they end, as in Alertmanager.
 */
public final class Silences {

    /** Expired silences stay listed this long after they end (Alertmanager: 5 days). */
    static final long EXPIRED_RETENTION_MILLIS = 5L * 24 * 3_600_000;

    private final Map<String, Silence> byId = new LinkedHashMap<>();

    /**
     * Adds a silence; throws {@link IllegalStateException} if the id is taken. It is a maintenance silence if
     * {@code maintenance} says so or its comment follows the convention ({@link Silence#maintenanceComment}).
     */
    public Silence add(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy,
            String comment, long createdAt, boolean maintenance) {
        if (byId.containsKey(id)) {
            throw new IllegalStateException("a silence with id " + id + " exists");
        }
        Silence silence = new Silence(id, List.copyOf(matchers), startsAt, endsAt, createdBy, comment, createdAt, null,
                maintenance || Silence.maintenanceComment(comment));
        byId.put(id, silence);
        return silence;
    }

    /** Expires the silence at {@code now}, by {@code by} (one already expired stays as it is); empty if none. */
    public Optional<Silence> expire(String id, long now, String by) {
        return Optional.ofNullable(byId.computeIfPresent(id, (k, s) -> s.endsAt() <= now ? s : s.expireAt(now, by)));
    }

    /** Removes silences that ended more than {@link #EXPIRED_RETENTION_MILLIS} before {@code now}. */
    public void prune(long now) {
        byId.values().removeIf(s -> s.endsAt() < now - EXPIRED_RETENTION_MILLIS);
    }

    /**
     * Also keeps at most {@code maxExpired} expired silences (dropping those that ended first), so that creating
     * and expiring silences in a loop cannot grow memory for the five days of the retention.
     */
    public void prune(long now, int maxExpired) {
        prune(now);
        List<Silence> expired = byId.values().stream().filter(s -> s.endsAt() <= now)
                .sorted((a, b) -> Long.compare(a.endsAt(), b.endsAt())).toList();
        for (int i = 0; i < expired.size() - maxExpired; i++) {
            byId.remove(expired.get(i).id());
        }
    }

    /** Silences pending or active at {@code now}. */
    public int live(long now) {
        int live = 0;
        for (Silence s : byId.values()) {
            live += now < s.endsAt() ? 1 : 0;
        }
        return live;
    }

    /** All silences, oldest first. */
    public List<Silence> all() {
        List<Silence> all = new ArrayList<>(byId.values());
        all.sort((a, b) -> Long.compare(a.createdAt(), b.createdAt()));
        return all;
    }

    /** Puts back a silence saved before a restart. */
    public void restore(Silence silence) {
        byId.put(silence.id(), silence);
    }

    /** The first maintenance silence active at {@code now} that matches this alert or criterion, if any. */
    public Optional<Silence> maintaining(String name, Map<String, String> labels, long now) {
        for (Silence s : byId.values()) {
            if (s.maintains(name, labels, now)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Maintenance silences active at {@code now}, oldest first. */
    public List<Silence> maintenanceAt(long now) {
        return all().stream().filter(s -> s.maintenance() && s.activeAt(now)).toList();
    }

    /** The first silence muting this alert at {@code now}, if any. */
    public Optional<Silence> muting(String alertName, Map<String, String> labels, long now) {
        for (Silence s : byId.values()) {
            if (s.mutes(alertName, labels, now)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
