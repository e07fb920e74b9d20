package io.tocsin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** A flood of refusals costs a few log lines a minute. */
class RateLimitedLogTest {

    @Test
    void logsAtMostTheLimitPerWindowThenResumes() {
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(Logger.getLogger(RateLimitedLogTest.class), 10,
                TimeUnit.MINUTES.toNanos(1), now::get);
        assertEquals(10, IntStream.range(0, 10_000).filter(i -> log.warn("refused " + i)).count());
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertEquals(false, log.warn("still the same minute"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(10, IntStream.range(0, 100).filter(i -> log.warn("next minute " + i)).count());
    }
}
