package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.state.EngineState;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deployment ids read back from saved state are checked like new ones: an id changed on disk into a path or an
 * option stops the start instead of reaching file names or the rollback command.
 */
class SavedDeploymentIdTest {

    @Test
    void aSavedIdThatIsNoDeploymentIdStopsTheStart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String saved;
        try (Timeline t = new Timeline()) {
            t.post("0", "genesis_error_ratio", Map.of("service", "genesis"), 0);
            t.register("d-123", "1.0", time("0"));
            saved = json.writeValueAsString(t.capture());
        }
        EngineState good = json.readValue(saved, EngineState.class);
        new Timeline(c -> Archive.none(), Evaluator.Settings.defaults(), good).close();
        for (String bad : new String[] {"../../etc", "-rf", "a b", "x".repeat(129)}) {
            EngineState tampered = json.readValue(saved.replace("\"d-123\"", json.writeValueAsString(bad)),
                    EngineState.class);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Timeline(c -> Archive.none(), Evaluator.Settings.defaults(), tampered).close());
            assertTrue(e.getMessage().contains("not a valid deployment id"), e.getMessage());
        }
    }
}
