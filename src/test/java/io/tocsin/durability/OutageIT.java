package io.tocsin.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The verdict of the {@link OutageDrill}: receivers down for ten minutes (and Tocsin killed meanwhile), then
 * everything decided during the outage delivered once, in order. The drill started with the integration tests;
 * this waits for it.
 */
class OutageIT {

    @Test
    void everythingDecidedDuringATenMinuteOutageIsDeliveredOnceInOrderAfterIt() throws Exception {
        List<String> problems = OutageDrill.start().get(OutageDrill.OUTAGE.toMinutes() + 8, TimeUnit.MINUTES);
        assertEquals(List.of(), problems);
    }
}
