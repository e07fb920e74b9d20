package io.tocsin.engine.silence;

import java.util.List;
import java.util.Map;

/**
 * Mutes notifications (not evaluation, not rollbacks) of alerts matched by all its matchers between
 * {@code startsAt} (inclusive) and {@code endsAt} (exclusive), engine time in epoch ms. Deleting a silence
 * expires it at that moment, as Alertmanager does; {@code expiredBy} is who did (null until then, or when it
 * simply ran out).
 */
public record Silence(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy,
        String comment, long createdAt, String expiredBy) {

    public Silence(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy, String comment,
            long createdAt) {
        this(id, matchers, startsAt, endsAt, createdBy, comment, createdAt, null);
    }

    public boolean activeAt(long now) {
        return startsAt <= now && now < endsAt;
    }

    public boolean mutes(String alertName, Map<String, String> labels, long now) {
        return activeAt(now) && matches(matchers, alertName, labels);
    }

    /** Whether an alert is matched by all {@code matchers}: what a silence with them mutes while it is active. */
    public static boolean matches(List<Matcher> matchers, String alertName, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(alertName, labels));
    }

    /** {@code pending}, {@code active} or {@code expired} at {@code now}. */
    public String state(long now) {
        return now < startsAt ? "pending" : now < endsAt ? "active" : "expired";
    }

    Silence expireAt(long now, String by) {
        return new Silence(id, matchers, Math.min(startsAt, now), Math.min(endsAt, now), createdBy, comment,
                createdAt, by);
    }
}
