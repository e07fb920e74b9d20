package io.tocsin.http;

/**
 * A request refused for its form rather than its data, with the HTTP status that says so: 413 (too large) or
 * 415 (wrong media type or encoding). {@code field} names what was wrong, e.g. {@code Content-Type} or
 * {@code body}.
 */
public class RequestRefusedException extends RuntimeException {

    private final int status;
    private final String field;
    private final String limit;

    public RequestRefusedException(int status, String field, String message) {
        this(status, field, message, null);
    }

    /** @param limit the limit the request reached (README "Limits"), for {@link LimitMetrics}; null if none */
    public RequestRefusedException(int status, String field, String message, String limit) {
        super(message);
        this.status = status;
        this.field = field;
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
