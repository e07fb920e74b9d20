package io.tocsin.dispatch.silence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator silences. Written by the API, read by the action planner on the engine thread: a small concurrent
 * map, since silences are few.
 */
@ApplicationScoped
public class Silences {

    private final Map<String, Silence> byId = new ConcurrentHashMap<>();

    public Silence add(List<Matcher> matchers, long startsAt, long endsAt, String createdBy, String comment,
            long createdAt) {
        Silence silence = new Silence(UUID.randomUUID().toString(), List.copyOf(matchers), startsAt, endsAt,
                createdBy, comment, createdAt);
        byId.put(silence.id(), silence);
        return silence;
    }

    /** Expires the silence at {@code now}; empty if there is no such silence. */
    public Optional<Silence> expire(String id, long now) {
        return Optional.ofNullable(byId.computeIfPresent(id, (k, s) -> s.expireAt(now)));
    }

    /** Expired silences stay listed this long after they end, as in Alertmanager (5 days). */
    static final long EXPIRED_RETENTION_MILLIS = 5L * 24 * 3_600_000;

    /** Removes silences that ended more than {@link #EXPIRED_RETENTION_MILLIS} before {@code now}. */
    public void prune(long now) {
        byId.values().removeIf(s -> s.endsAt() < now - EXPIRED_RETENTION_MILLIS);
    }

    public List<Silence> all() {
        List<Silence> all = new ArrayList<>(byId.values());
        all.sort((a, b) -> Long.compare(a.createdAt(), b.createdAt()));
        return all;
    }

    /** The first silence muting this alert at {@code now}, if any. */
    public Optional<Silence> muting(String alertName, Map<String, String> labels, long now) {
        return byId.values().stream().filter(s -> s.mutes(alertName, labels, now)).findFirst();
    }
}
