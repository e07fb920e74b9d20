package io.tocsin.dispatch;

/** Exponential backoff between delivery attempts: {@code initial × 2^(attempt−1)}, capped at {@code max}. */
public record Backoff(long initialMillis, long maxMillis) {

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public long after(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        long wait = Math.min(initialMillis, maxMillis);
        for (int i = 1; i < attempt && wait < maxMillis; i++) {
            wait = wait > maxMillis / 2 ? maxMillis : wait * 2; // doubling stops at the cap, never overflows
        }
        return wait;
    }
}
