package io.tocsin.engine.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the delivery of one action stands, keyed by the action's id. Replaced, never changed: each attempt and
 * outcome makes a new state. {@code via} says where it went ({@code http}, {@code smtp}, {@code process}, or
 * {@code log} when the receiver has no address configured); errors never carry secrets. {@code firstAttemptAt} is
 * the real time (epoch ms) of the first attempt: an action still undelivered a maximum age after it expires.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryState(long actionId, Status status, int attempts, String lastError, String via,
        CommandOutcome command, Long firstAttemptAt) {

    /** Delivery states, with the names the API shows. */
    public enum Status {
        PENDING("pending"), SENT("sent"), RETRYING("retrying"), FAILED("failed"), EXPIRED("expired"),
        INTERRUPTED("interrupted"), SILENCED("silenced"), DRY_RUN("dry-run");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        /** No further delivery attempt will be made. */
        public boolean isFinal() {
            return this != PENDING && this != RETRYING;
        }
    }

    /** How a command ended: exit code (null if it timed out or did not start), duration, the tail of its output. */
    public record CommandOutcome(Integer exitCode, long durationMillis, String outputTail) {
    }

    /** A freshly decided action. */
    public static DeliveryState decided(long actionId, Status status) {
        return new DeliveryState(actionId, status, 0, null, null, null, null);
    }

    /** One more attempt, started at real time {@code now}. */
    public DeliveryState attempting(long now) {
        return new DeliveryState(actionId, status, attempts + 1, lastError, via, command,
                firstAttemptAt == null ? now : firstAttemptAt);
    }

    /** One more attempt (tests and tools, which have no real time to record). */
    public DeliveryState attempting() {
        return new DeliveryState(actionId, status, attempts + 1, lastError, via, command, firstAttemptAt);
    }

    public DeliveryState sent(String via, CommandOutcome command) {
        return new DeliveryState(actionId, Status.SENT, attempts, lastError, via, command, firstAttemptAt);
    }

    public DeliveryState retrying(String error) {
        return new DeliveryState(actionId, Status.RETRYING, attempts, error, via, command, firstAttemptAt);
    }

    public DeliveryState failed(String error, String via, CommandOutcome command) {
        return new DeliveryState(actionId, Status.FAILED, attempts, error, via, command, firstAttemptAt);
    }

    /** Still undelivered when it stopped mattering (its maximum age passed). */
    public DeliveryState expired(String why) {
        return new DeliveryState(actionId, Status.EXPIRED, attempts, why, via, command, firstAttemptAt);
    }

    /** A command that was running when Tocsin stopped: its outcome is unknown, and it is not run again. */
    public DeliveryState interrupted() {
        return new DeliveryState(actionId, Status.INTERRUPTED, attempts,
                "interrupted: Tocsin stopped while it ran; not run again", "process", null, firstAttemptAt);
    }

    /** The outcome the rules see ({@code ActionResult.outcome}); null while not final or never delivered. */
    public String outcome() {
        return switch (status) {
            case SENT -> "sent";
            case FAILED -> "failed";
            case EXPIRED -> "expired";
            case INTERRUPTED -> "interrupted";
            case PENDING, RETRYING, SILENCED, DRY_RUN -> null;
        };
    }
}
