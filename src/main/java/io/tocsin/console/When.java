package io.tocsin.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A point in engine time as the console shows it: the RFC 3339 instant (for {@code <time datetime>}, which the
 * page's script also shows in the browser's zone), the UTC text, and how far it is from engine now ("12m ago",
 * "in 27m"). Engine time, not the browser's: on the event clock a replay's 2025 is "now".
 */
public record When(String iso, String utc, long epochMillis, String relative) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static When of(long epochMillis, long now) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        long delta = epochMillis - now;
        String relative = delta == 0 ? "now" : delta > 0 ? "in " + span(delta) : span(-delta) + " ago";
        return new When(at.toString(), UTC.format(at), epochMillis, relative);
    }

    /** Null for a null time. */
    static When of(Long epochMillis, long now) {
        return epochMillis == null ? null : of(epochMillis.longValue(), now);
    }

    /** From an API view's RFC 3339 string; null for null. */
    static When parse(String iso, long now) {
        return iso == null ? null : of(Instant.parse(iso).toEpochMilli(), now);
    }

    /** "45s", "12m", "3h 5m", "2d 4h": two units at most, as people read ages. */
    static String span(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m" + (m < 10 && s % 60 != 0 ? " " + s % 60 + "s" : "");
        }
        long h = m / 60;
        if (h < 24) {
            return h + "h" + (m % 60 != 0 ? " " + m % 60 + "m" : "");
        }
        return h / 24 + "d" + (h % 24 != 0 ? " " + h % 24 + "h" : "");
    }
}
