package io.tocsin.http;

/**
 * A request refused for its form rather than its data, with the HTTP status that says so: 413 (too large) or
 * 415 (wrong media type or encoding). {@code field} names what was wrong, e.g. {@code Content-Type} or
 * {@code body}.
 */
public class RequestRefusedException extends RuntimeException {

    private final int status;
    private final String field;

    public RequestRefusedException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
