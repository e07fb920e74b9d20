package io.tocsin.engine.fact;

/** Prometheus' alert states; an alert whose condition ends while pending is dropped, not resolved. */
public enum AlertState {
    PENDING, FIRING, RESOLVED;

    /** The lower-case name used in the API and in query parameters. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
