package io.tocsin.engine.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One operator action in the audit trail: who ({@code actor}, the token's name), from where ({@code address}),
 * when (engine time {@code at}, which orders it among alerts and actions, and the wall-clock time the request
 * came in, {@code receivedAt}; both epoch ms), what ({@code kind} of input and its essentials in
 * {@code details}), and the outcome: {@code applied}, or {@code refused} with the HTTP status and the reason.
 *
 * @param id increasing with the order the engine applied the inputs in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long id, long at, Long receivedAt, String actor, String address, String kind,
        Map<String, String> details, String outcome, Integer status, String field, String reason) {

    public static final String APPLIED = "applied";
    public static final String REFUSED = "refused";

    public AuditEntry {
        // sorted, so the saved state is the same bytes however the map was built
        details = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(details == null ? Map.of()
                : details));
    }

    public boolean applied() {
        return APPLIED.equals(outcome);
    }
}
