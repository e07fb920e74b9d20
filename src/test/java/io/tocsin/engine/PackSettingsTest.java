package io.tocsin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tocsin.engine.action.Action;
import io.tocsin.engine.fact.Setting;
import io.tocsin.engine.state.EngineState;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pack settings: facts a {@code @setting} rule inserts logically from nothing. They are there from the first
 * evaluation, come back after a restart (the rule fires again on restore), and a configured override replaces
 * a named setting's value.
 */
class PackSettingsTest {

    private static final Map<String, String> PROBE = Map.of("instance", "p1");

    private static List<Action> restarts(Timeline t) {
        return t.actions(a -> "restart-probe".equals(a.destination()));
    }

    @Test
    void settingsAreThereBeforeAnySampleAndAfterARestart() throws Exception {
        try (Timeline t = new Timeline()) {
            assertEquals(0, t.evaluator().count(Setting.class), "no evaluation yet");
            t.advance("0");
            assertEquals(1, t.evaluator().count(Setting.class), "from the first evaluation");
            t.post("0", "probe_up", PROBE, 0);
            assertEquals(1, restarts(t).size());
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            EngineState saved = json.readValue(json.writeValueAsBytes(t.capture()), EngineState.class);
            try (Timeline restarted = Timeline.restarted(saved)) {
                assertEquals(1, restarted.evaluator().count(Setting.class), "derived again on restore");
                restarted.post("30s", "probe_up", PROBE, 0);
                assertEquals(1, restarted.actions(a -> "restart-probe".equals(a.destination())
                        && ((Action.Remediate) a).attempt() == 2).size(),
                        "the retry time (a declared setting) and the first restart's decision time survived");
            }
        }
    }

    @Test
    void configurationOverridesANamedSetting() {
        Evaluator.Settings settings = Evaluator.Settings.defaults()
                .withSettingOverrides(Map.of("fixture.probe-restarts", "off"));
        try (Timeline t = new Timeline(catalog -> Archive.none(), settings, null)) {
            t.advance("0");
            assertEquals(1, t.evaluator().count(Setting.class, s -> s.getName().equals("probe-restarts")
                    && s.getValue().equals("off") && s.getDeclared().equals("true") && !s.isEnabled()));
            t.post("0", "probe_up", PROBE, 0);
            assertEquals(List.of(), restarts(t), "restarts turned off by configuration");
        }
    }
}
