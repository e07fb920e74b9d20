package io.tocsin.engine.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.SortedMap;

/**
 * An action the engine decided: one delivery to one receiver and destination, immutable and free of live facts,
 * so it can be written to disk or carried by a broker. Its JSON form is stable: {@code "kind"} names the record,
 * {@code "v"} the schema version. Delivery state (attempts, status, last error) lives beside it in
 * {@link DeliveryState}, keyed by {@link #id()}.
 *
 * <p>Code that renders or routes actions switches over {@link #kind()}, an enum, so the compiler checks that
 * every kind is handled.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Action.Notify.class, name = "notify"),
        @JsonSubTypes.Type(value = Action.Resolve.class, name = "resolve"),
        @JsonSubTypes.Type(value = Action.Escalate.class, name = "escalate"),
        @JsonSubTypes.Type(value = Action.Remediate.class, name = "remediate"),
        @JsonSubTypes.Type(value = Action.Rollback.class, name = "rollback"),
        @JsonSubTypes.Type(value = Action.Promote.class, name = "promote"),
        @JsonSubTypes.Type(value = Action.Announce.class, name = "announce")})
@JsonIgnoreProperties(value = "v", allowGetters = true)
public sealed interface Action permits Action.Notify, Action.Resolve, Action.Escalate, Action.Remediate,
        Action.Rollback, Action.Promote, Action.Announce {

    /** Version of this JSON form; bumped when a field changes meaning or goes away. */
    int VERSION = 1;

    /** The kinds of action; {@link #type()} is how the API and rule tests name them. */
    enum Kind {
        NOTIFY, RESOLVE, ESCALATE, REMEDIATE, ROLLBACK, PROMOTE, ANNOUNCE
    }

    /** What an announcement is about: a deployment's rollback, checkpoint, verdict or rollout, or a rule's note. */
    enum Topic {
        ROLLBACK, CHECKPOINT, VERDICT, ROLLOUT, NOTE
    }

    /** Unique, increasing with the order of decision. */
    long id();

    /** Engine time of the evaluation that decided it (epoch ms). */
    long at();

    /** The rule that decided it; null for operator requests (a manual rollback). */
    RuleRef rule();

    /** {@code slack}, {@code pagerduty}, {@code email}, {@code webhook}, {@code command} or {@code log}. */
    String receiver();

    /** A channel, routing-key name, recipient list, webhook name, or command name. */
    String destination();

    /** The labels it is about: the alert's, or those of the series or deployment that caused it. */
    SortedMap<String, String> labels();

    Kind kind();

    /** The alert it is about, as it was when decided; null if none. */
    default AlertSnapshot alert() {
        return null;
    }

    /** The deployment it is about; null if none. */
    default String deployment() {
        return null;
    }

    /** Why, in words (escalations, rollbacks, announcements); null if nothing to say. */
    default String reason() {
        return null;
    }

    @JsonProperty("v")
    default int version() {
        return VERSION;
    }

    /**
     * The record type the API and rule tests show: a promotion runs a command ({@code remediate}), an
     * announcement is a notification ({@code notify}).
     */
    default String type() {
        return switch (kind()) {
            case NOTIFY, ANNOUNCE -> "notify";
            case RESOLVE -> "resolve";
            case ESCALATE -> "escalate";
            case REMEDIATE, PROMOTE -> "remediate";
            case ROLLBACK -> "rollback";
        };
    }

    /** Tells people that an alert fires. */
    record Notify(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, AlertSnapshot alert) implements Action {
        @Override
        public Kind kind() {
            return Kind.NOTIFY;
        }
    }

    /**
     * Tells people that an alert is resolved. {@code escalation} is the escalation target when it closes what an
     * escalation opened (a PagerDuty incident under the escalation's own key), null otherwise.
     */
    record Resolve(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, AlertSnapshot alert, String escalation) implements Action {

        public Resolve(long id, long at, RuleRef rule, String receiver, String destination,
                SortedMap<String, String> labels, AlertSnapshot alert) {
            this(id, at, rule, receiver, destination, labels, alert, null);
        }

        @Override
        public Kind kind() {
            return Kind.RESOLVE;
        }
    }

    /**
     * Escalates an alert, or a deployment (no alert; its id is the {@code deployment} label), to a target (the
     * destination), through one of the target's receivers.
     */
    record Escalate(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, AlertSnapshot alert, String reason) implements Action {
        @Override
        public Kind kind() {
            return Kind.ESCALATE;
        }

        @Override
        public String deployment() {
            return alert == null ? labels.get("deployment") : null;
        }
    }

    /**
     * Runs an allowlisted command (the destination) about an alert or a deployment; {@code attempt} counts tries
     * of the same remediation for the same alert; {@code params} fill {@code {{ $params.name }}} arguments.
     */
    record Remediate(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, AlertSnapshot alert, String deployment, int attempt,
            Map<String, String> params) implements Action {
        @Override
        public Kind kind() {
            return Kind.REMEDIATE;
        }
    }

    /** Rolls a deployment back with the rollback command (the destination): decided once per deployment. */
    record Rollback(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, String deployment, String reason, String by, String criterion)
            implements Action {
        @Override
        public Kind kind() {
            return Kind.ROLLBACK;
        }
    }

    /** Raises a deployment's traffic to {@code traffic} percent with the promote command (the destination). */
    record Promote(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, String deployment, int traffic) implements Action {
        @Override
        public Kind kind() {
            return Kind.PROMOTE;
        }

        @Override
        public String reason() {
            return "traffic to " + traffic + "%";
        }
    }

    /**
     * Tells people about a deployment: a rollback, a watch checkpoint ({@code checkpoint} is its label such as
     * {@code T+6h}), the watch's verdict, or a traffic step that waits; or a rule's note ({@link Topic#NOTE})
     * about a deployment or an alert (then {@code deployment} is null and the labels are the alert's).
     */
    record Announce(long id, long at, RuleRef rule, String receiver, String destination,
            SortedMap<String, String> labels, String deployment, Topic topic, String reason, String checkpoint)
            implements Action {
        @Override
        public Kind kind() {
            return Kind.ANNOUNCE;
        }
    }
}
