package io.tocsin.dispatch;

import java.util.Map;
import java.util.TreeMap;

/** Builds action records for tests of receivers and commands. */
public final class ActionRecordFixture {

    private ActionRecordFixture() {
    }

    public static ActionRecord remediation(Map<String, String> labels) {
        return new ActionRecord(1, "remediate", 0, null, new TreeMap<>(labels), "command", "test", null, null, null, 1, null);
    }
}
