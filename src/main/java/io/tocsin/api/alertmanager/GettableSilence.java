package io.tocsin.api.alertmanager;

import io.tocsin.engine.silence.Silence;
import io.tocsin.http.Times;
import java.util.Comparator;
import java.util.List;

/**
 * Alertmanager's {@code gettableSilence}. {@code createdBy} is the name of the token that made it;
 * {@code updatedAt} is when it was made (Tocsin changes a silence only by expiring it, and does not record when).
 * Alertmanager's silences have no maintenance flag: a maintenance silence shows it by the comment convention
 * ({@code [maintenance] ...}, see {@link Silence}), prefixed here if it was flagged through Tocsin's own API, so
 * {@code amtool} and Grafana show it and an update that re-posts the comment keeps it a maintenance window.
 */
record GettableSilence(String id, Status status, String updatedAt, List<MatcherView> matchers, String startsAt,
        String endsAt, String createdBy, String comment) {

    record Status(String state) {
    }

    record MatcherView(String name, String value, boolean isRegex, boolean isEqual) {
    }

    static GettableSilence of(Silence s, long now) {
        return new GettableSilence(s.id(), new Status(s.state(now)), Times.format(s.createdAt()),
                s.matchers().stream().map(m -> new MatcherView(m.name(), m.value(), m.isRegex(), m.isEqual()))
                        .toList(),
                Times.format(s.startsAt()), Times.format(s.endsAt()), s.createdBy(), comment(s));
    }

    private static String comment(Silence s) {
        if (!s.maintenance() || Silence.maintenanceComment(s.comment())) {
            return s.comment();
        }
        return Silence.MAINTENANCE_TAG + (s.comment() == null || s.comment().isBlank() ? "" : " " + s.comment());
    }

    /**
     * Alertmanager's order: active ones first (the next to end first), then pending (the next to start first),
     * then expired (the most recently ended first).
     */
    static Comparator<Silence> order(long now) {
        Comparator<Silence> byState = Comparator.comparingInt(s -> switch (s.state(now)) {
            case "active" -> 1;
            case "pending" -> 2;
            default -> 3;
        });
        return byState.thenComparing((a, b) -> switch (a.state(now)) {
            case "active" -> Long.compare(a.endsAt(), b.endsAt());
            case "pending" -> Long.compare(a.startsAt(), b.startsAt());
            default -> Long.compare(b.endsAt(), a.endsAt());
        });
    }
}
