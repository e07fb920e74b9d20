package io.tocsin.engine.silence;

import java.util.List;
import java.util.Map;

/**
 * Mutes notifications (not evaluation, not rollbacks) of alerts matched by all its matchers between
 * {@code startsAt} (inclusive) and {@code endsAt} (exclusive), engine time in epoch ms. Deleting a silence
 * expires it at that moment, as Alertmanager does; {@code expiredBy} is who did (null until then, or when it
 * simply ran out).
 *
 * <p>A <em>maintenance</em> silence also marks what it matches as in maintenance: alerts and criteria carry
 * {@code inMaintenance}, so the packs' automation (restarts, rollbacks, promotions) leaves them alone, and
 * deployment watches excuse the violations it matches. It is set by the API's {@code maintenance} field or by a
 * comment that starts with {@value #MAINTENANCE_TAG}: Alertmanager's silences have only a comment, so tools and
 * scripts written for them mark maintenance that way ({@code "[maintenance] kernel upgrade"}).
 */
public record Silence(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy,
        String comment, long createdAt, String expiredBy, boolean maintenance) {

    /** A comment starting with this (any case) marks a maintenance silence. */
    public static final String MAINTENANCE_TAG = "[maintenance]";

    /** Not expired by anyone yet, not a maintenance window. */
    public Silence(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy, String comment,
            long createdAt) {
        this(id, matchers, startsAt, endsAt, createdBy, comment, createdAt, null, false);
    }

    /** True if {@code comment} follows the maintenance convention. */
    public static boolean maintenanceComment(String comment) {
        return comment != null && comment.strip().regionMatches(true, 0, MAINTENANCE_TAG, 0, MAINTENANCE_TAG.length());
    }

    /** True if this is a maintenance silence that is active at {@code now} and matches the alert or criterion. */
    public boolean maintains(String name, Map<String, String> labels, long now) {
        return maintenance && mutes(name, labels, now);
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
                createdAt, by, maintenance);
    }
}
