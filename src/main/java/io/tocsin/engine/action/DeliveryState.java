package io.tocsin.engine.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the delivery of one action stands, keyed by the action's id. Replaced, never changed: each attempt and
 * outcome makes a new state. {@code via} says where it went ({@code http}, {@code smtp}, {@code process}, or
 * {@code log} when the receiver has no address configured); errors never carry secrets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryState(long actionId, Status status, int attempts, String lastError, String via,
        CommandOutcome command) {

    /** Delivery states, with the names the API shows. */
    public enum Status {
        PENDING("pending"), SENT("sent"), RETRYING("retrying"), FAILED("failed"), SILENCED("silenced"),
        DRY_RUN("dry-run");

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
        return new DeliveryState(actionId, status, 0, null, null, null);
    }

    public DeliveryState attempting() {
        return new DeliveryState(actionId, status, attempts + 1, lastError, via, command);
    }

    public DeliveryState sent(String via, CommandOutcome command) {
        return new DeliveryState(actionId, Status.SENT, attempts, lastError, via, command);
    }

    public DeliveryState retrying(String error) {
        return new DeliveryState(actionId, Status.RETRYING, attempts, error, via, command);
    }

    public DeliveryState failed(String error, String via, CommandOutcome command) {
        return new DeliveryState(actionId, Status.FAILED, attempts, error, via, command);
    }
}
