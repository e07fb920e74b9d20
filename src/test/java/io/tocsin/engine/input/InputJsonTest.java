package io.tocsin.engine.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.silence.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal keeps inputs as JSON: the maintenance flag of a silence and a sign-off come back as they were. */
class InputJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Input<?> roundTrip(Input<?> input) throws Exception {
        return JSON.readValue(JSON.writeValueAsBytes(input), Input.class);
    }

    @Test
    void aMaintenanceSilenceAndASignOffSurviveTheJournal() throws Exception {
        CreateSilence silence = new CreateSilence("m1", List.of(Matcher.of("job", "genesis-orchestrator", false, true)),
                null, 1_000L, "bob", "upgrade", true);
        CreateSilence back = (CreateSilence) roundTrip(silence);
        assertEquals(silence.maintenance(), back.maintenance());
        assertEquals(silence.comment(), back.comment());
        SignOff signOff = new SignOff("d1", "sre", "bob", "all green");
        assertEquals(signOff, roundTrip(signOff));
    }

    @Test
    void aSilenceJournaledBeforeTheFlagExistedIsPlain() throws Exception {
        String old = "{\"input\":\"create-silence\",\"id\":\"s1\",\"matchers\":[{\"name\":\"job\",\"value\":\"x\","
                + "\"isRegex\":false,\"isEqual\":true}],\"startsAt\":null,\"endsAt\":1000,\"createdBy\":\"bob\","
                + "\"comment\":\"known\"}";
        assertFalse(((CreateSilence) JSON.readValue(old, Input.class)).maintenance());
    }
}
