package io.tocsin.security;

import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Logs at most {@code limit} lines per window; the rest are counted and the next line that gets through says
 * how many were left out. A flood of bad requests then costs a few log lines a minute, not one each.
 */
final class RateLimitedLog {

    private final Logger log;
    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int logged;
    private long suppressed;

    RateLimitedLog(Logger log, int limit, long windowNanos, LongSupplier nanoTime) {
        this.log = log;
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs {@code message} at WARN unless this window's lines are used up; true if it was logged. */
    synchronized boolean warn(String message) {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            logged = 0;
        }
        if (logged >= limit) {
            suppressed++;
            return false;
        }
        logged++;
        if (suppressed > 0) {
            log.warnf("%s (and %d similar lines left out since the last one)", message, suppressed);
            suppressed = 0;
        } else {
            log.warn(message);
        }
        return true;
    }
}
