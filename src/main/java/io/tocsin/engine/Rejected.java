package io.tocsin.engine;

/**
 * The engine refuses an input, saying why: invalid (a field's value cannot be applied), not found (an alert, a
 * deployment or a silence that does not exist), or a conflict with the current state (a deployment that was
 * already rolled back). Nothing of the input was applied. The API answers 400, 404 or 409.
 */
public final class Rejected extends RuntimeException {

    public enum Reason {
        INVALID, NOT_FOUND, CONFLICT
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

    public Reason reason() {
        return reason;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }
}
