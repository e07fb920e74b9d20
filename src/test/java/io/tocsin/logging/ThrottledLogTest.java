package io.tocsin.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** The first lines of a window one by one, then one summary line with the counts by kind. */
class ThrottledLogTest {

    @Test
    void aStormBecomesAFewLinesAndASummary() {
        List<String> lines = new ArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("throttled-log-test");
        jul.setUseParentHandlers(false);
        jul.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getParameters() == null ? record.getMessage()
                        : String.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        AtomicLong nanos = new AtomicLong();
        ThrottledLog log = new ThrottledLog(Logger.getLogger("throttled-log-test"), 3, 10_000, "alert transitions",
                "GET /api/v1/alerts", nanos::get);
        for (int i = 0; i < 10; i++) {
            int n = i;
            log.info(i % 2 == 0 ? "firing" : "resolved", () -> "line " + n);
        }
        assertEquals(List.of("line 0", "line 1", "line 2"), lines);
        log.flush();
        assertEquals(3, lines.size(), "no summary before the window is over");
        nanos.set(10_000_000_000L);
        log.flush();
        assertEquals("7 more alert transitions in the last 10 s, not logged one by one: 3 firing, 4 resolved"
                + " (GET /api/v1/alerts has them all)", lines.get(3));
        log.info("firing", () -> "line 10");
        assertEquals("line 10", lines.get(4), "a new window logs again");
    }
}
