package io.tocsin.dispatch;

import io.tocsin.engine.action.Action;
import java.util.Map;
import java.util.TreeMap;

/** Builds actions for tests of receivers and commands. */
public final class Actions {

    private Actions() {
    }

    public static Action.Remediate remediation(Map<String, String> labels) {
        return new Action.Remediate(1, 0, null, "command", "test", new TreeMap<>(labels), null, null, 1, Map.of());
    }
}
