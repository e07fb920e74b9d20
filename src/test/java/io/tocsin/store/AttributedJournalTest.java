package io.tocsin.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.input.Refused;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.state.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator inputs go to the journal with their origin and come back the same, so a replay audits them again. */
class AttributedJournalTest {

    private static final Origin ORIGIN = new Origin("alice", "192.0.2.9", 1_760_000_000_123L);

    private static Entry roundTrip(Input<?> input) throws Exception {
        EntryCodec codec = new EntryCodec(new ObjectMapper());
        return new EntryCodec(new ObjectMapper()).decode(codec.encode(new Entry.Applied(7, input)));
    }

    @Test
    void originsSurviveTheJournal() throws Exception {
        for (Input<?> input : List.<Input<?>>of(new Attributed<>(ORIGIN, new Acknowledge("a1", "alice", "on it")),
                new Attributed<>(ORIGIN, new ExpireSilence("s1", "alice")),
                new Attributed<>(ORIGIN, new Refused("register-deployment", "id", "required")))) {
            assertEquals(new Entry.Applied(7, input), roundTrip(input));
        }
        Input<?> silence = new Attributed<>(ORIGIN, new CreateSilence("s2", List.of(Matcher.of("service", "gen.*",
                true, true)), null, 1_760_000_600_000L, "alice", "maintenance"));
        EntryCodec codec = new EntryCodec(new ObjectMapper());
        byte[] once = codec.encode(new Entry.Applied(7, silence));
        assertArrayEquals(once, codec.encode(codec.decode(once)), "matchers compile again from their text");
    }
}
