package io.tocsin.engine;

/**
 * The engine refuses an input, saying why: invalid (a field's value cannot be applied), not found (an alert, a
 * deployment or a silence that does not exist), a conflict with the current state (a deployment that was
 * already rolled back), or a limit reached (too many series or silences). Nothing of the input was applied. The
 * API answers with {@link Reason#status()}: 400, 404, 409 or 429.
 */
public final class Rejected extends RuntimeException {

    public enum Reason {
        INVALID(400), NOT_FOUND(404), CONFLICT(409), LIMIT(429);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** The HTTP status the API answers with. */
        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final String field;

    public Rejected(Reason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public static Rejected invalid(String field, String message) {
        return new Rejected(Reason.INVALID, field, message);
    }

    public static Rejected notFound(String message) {
        return new Rejected(Reason.NOT_FOUND, null, message);
    }

    public static Rejected conflict(String message) {
        return new Rejected(Reason.CONFLICT, null, message);
    }

    /** A limit reached; {@code field} names what, e.g. {@code series}. */
    public static Rejected limit(String field, String message) {
        return new Rejected(Reason.LIMIT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }
}
