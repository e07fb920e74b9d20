package io.tocsin.engine.audit;

import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.CloseWatch;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.ExpireSilence;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.PromoteDeployment;
import io.tocsin.engine.input.Refused;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.RetireRules;
import io.tocsin.engine.input.RollBack;
import io.tocsin.engine.silence.Matcher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The essentials of an operator input for the audit trail: which alert, silence or deployment, and the text that
 * explains it, as short strings. Times are RFC 3339.
 */
public final class AuditDetails {

    private AuditDetails() {
    }

    /** A rules reload: what the audit trail calls the retirement of rules that goes with it. */
    public static final String RELOAD = "reload-rules";

    /**
     * The kind the audit trail names: the input's journal name ({@code create-silence}), except for a rules reload
     * ({@value #RELOAD}; its input retires the rules it removes).
     */
    public static String kind(Input<?> input) {
        if (input instanceof Refused r) {
            return r.asked();
        }
        return input.kind() == Input.Kind.RETIRE_RULES ? RELOAD : input.kind().wireName();
    }

    public static Map<String, String> of(Input<?> input) {
        Map<String, String> d = new LinkedHashMap<>();
        switch (input.kind()) {
            case ACKNOWLEDGE -> {
                Acknowledge a = (Acknowledge) input;
                put(d, "alertId", a.alertId());
                put(d, "comment", a.comment());
            }
            case CREATE_SILENCE -> {
                CreateSilence c = (CreateSilence) input;
                put(d, "silenceId", c.id());
                put(d, "matchers", c.matchers().stream().map(AuditDetails::matcher)
                        .collect(Collectors.joining(",", "{", "}")));
                put(d, "startsAt", c.startsAt() == null ? null : time(c.startsAt()));
                put(d, "endsAt", time(c.endsAt()));
                put(d, "comment", c.comment());
            }
            case EXPIRE_SILENCE -> put(d, "silenceId", ((ExpireSilence) input).id());
            case REGISTER_DEPLOYMENT -> {
                RegisterDeployment r = (RegisterDeployment) input;
                put(d, "deploymentId", r.id());
                put(d, "version", r.version());
                put(d, "startedAt", r.startedAt() == null ? null : time(r.startedAt()));
                if (!r.steps().isEmpty()) {
                    put(d, "steps", r.steps().stream().map(s -> s.afterMillis() / 1000 + "s:" + s.traffic() + "%")
                            .collect(Collectors.joining(",")));
                }
            }
            case ROLL_BACK -> {
                RollBack r = (RollBack) input;
                put(d, "deploymentId", r.deploymentId());
                put(d, "reason", r.reason());
            }
            case CLOSE_WATCH -> {
                CloseWatch c = (CloseWatch) input;
                put(d, "deploymentId", c.deploymentId());
                put(d, "reason", c.reason());
            }
            case PROMOTE_DEPLOYMENT -> {
                PromoteDeployment p = (PromoteDeployment) input;
                put(d, "deploymentId", p.deploymentId());
                put(d, "traffic", p.traffic() == null ? null : p.traffic() + "%");
                put(d, "reason", p.reason());
            }
            case RETIRE_RULES -> { // the rules a reload removed; none when it only changed or kept rules
                List<String> removed = ((RetireRules) input).rules();
                put(d, "removedRules", removed.isEmpty() ? null : String.join(",", removed));
            }
            case ADVANCE_CLOCK -> put(d, "to", time(((AdvanceClock) input).to()));
            case REFUSED, SAMPLES, TICK, DELIVERY_UPDATE, DELIVERY_UPDATES, ATTRIBUTED -> {
                // a refused request says why in the entry itself; the others are no operator input
            }
        }
        return d;
    }

    /** {@code alertname="HighErrorRate"}, {@code service=~"gen.*"}, {@code env!="prod"}, as in PromQL. */
    static String matcher(Matcher m) {
        String op = m.isRegex() ? (m.isEqual() ? "=~" : "!~") : (m.isEqual() ? "=" : "!=");
        return m.name() + op + "\"" + m.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static void put(Map<String, String> d, String key, String value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}
