package io.tocsin.dispatch;

import io.tocsin.engine.action.DeliveryState.CommandOutcome;

/**
 * The outcome of one delivery attempt. {@code via} says where it went ({@code http}, {@code smtp},
 * {@code process}, or {@code log} when the receiver has no address configured). Errors never carry secrets
 * such as webhook URLs or routing keys.
 */
public record Delivery(Outcome outcome, String via, String error, CommandOutcome command) {

    public enum Outcome {
        SENT, RETRYABLE, PERMANENT
    }

    public static Delivery sent(String via) {
        return new Delivery(Outcome.SENT, via, null, null);
    }

    public static Delivery retryable(String via, String error) {
        return new Delivery(Outcome.RETRYABLE, via, error, null);
    }

    public static Delivery permanent(String via, String error) {
        return new Delivery(Outcome.PERMANENT, via, error, null);
    }

    /** Classifies an HTTP status: 2xx sent; 408, 429 and 5xx retryable; anything else permanent. */
    public static Delivery ofHttpStatus(int status) {
        if (status >= 200 && status < 300) {
            return sent("http");
        }
        String error = "HTTP " + status;
        return status == 408 || status == 429 || status >= 500 ? retryable("http", error) : permanent("http", error);
    }
}
