package io.tocsin.logging;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Lines an operator can read in an alert storm: the first {@code limit} events of each window are logged one by
 * one, the rest are counted by kind and summarised in one line when the window is over (at the next event or
 * {@link #flush()}). The full record stays where it belongs (the alerts and actions APIs); the log says what
 * happened and how much.
 */
public final class ThrottledLog {

    private final Logger log;
    private final int limit;
    private final long windowNanos;
    private final String what;
    private final String where;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int logged;
    private final Map<String, Long> left = new TreeMap<>();

    /**
     * @param what  what the events are, for the summary ({@code alert transitions})
     * @param where where all of them can be seen ({@code GET /api/v1/alerts})
     */
    public ThrottledLog(Logger log, int limit, long windowMillis, String what, String where) {
        this(log, limit, windowMillis, what, where, System::nanoTime);
    }

    ThrottledLog(Logger log, int limit, long windowMillis, String what, String where, LongSupplier nanoTime) {
        this.log = log;
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
        this.what = what;
        this.where = where;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** One event of {@code kind}: logged at INFO ({@code line} is built only then) or counted. */
    public synchronized void info(String kind, Supplier<String> line) {
        roll();
        if (logged < limit) {
            logged++;
            log.info(line.get());
        } else {
            left.merge(kind, 1L, Long::sum);
        }
    }

    /** Prints the summary of a window that is over, if events were left out of it. */
    public synchronized void flush() {
        roll();
    }

    private void roll() {
        long now = nanoTime.getAsLong();
        if (now - windowStart < windowNanos) {
            return;
        }
        if (!left.isEmpty()) {
            long total = left.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder kinds = new StringBuilder();
            left.forEach((kind, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(n).append(' ').append(kind));
            log.infof("%d more %s in the last %d s, not logged one by one: %s (%s has them all)", total, what,
                    Math.max(1, (now - windowStart) / 1_000_000_000L), kinds, where);
            left.clear();
        }
        windowStart = now;
        logged = 0;
    }
}
