package io.tocsin.http;

/**
 * Bad client input; {@code field} locates it, e.g. {@code [3].timestamp}. Mapped to HTTP 400. {@code limit} names
 * the limit it reached, if that is why (README "Limits"), for {@link LimitMetrics}.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String limit;

    public InvalidInputException(String field, String message) {
        this(field, message, null);
    }

    public InvalidInputException(String field, String message, String limit) {
        super(field + ": " + message);
        this.field = field;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    /** The limit reached, or null. */
    public String limit() {
        return limit;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
