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
