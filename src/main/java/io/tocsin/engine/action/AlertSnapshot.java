package io.tocsin.engine.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.SortedMap;

/**
 * An alert as it was at one moment (when an action about it was decided, or when the API asked): immutable, so
 * payloads and views are built from it off the engine thread. Times are epoch ms; {@code state} is
 * {@code pending}, {@code firing} or {@code resolved}; {@code summary} is rendered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSnapshot(String id, String fingerprint, String name, String pack, SortedMap<String, String> labels,
        String state, String priority, String severity, long activeAt, Long firedAt, Long resolvedAt, Double value,
        String summary, String runbook, RuleRef rule, Acknowledgement acknowledgement) {

    /** Who acknowledged the alert, when (engine time) and why. */
    public record Acknowledgement(String by, String comment, long at) {
    }
}
