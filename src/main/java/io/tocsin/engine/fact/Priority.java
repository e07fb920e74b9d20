package io.tocsin.engine.fact;

/** Incident priority from a rule's {@code @priority} metadata; severity follows from it. */
public enum Priority {
    P0, P1, P2, P3, P4;

    /** {@code critical} for P0–P1, {@code warning} for P2–P3, {@code info} for P4. */
    public String severity() {
        return switch (this) {
            case P0, P1 -> "critical";
            case P2, P3 -> "warning";
            case P4 -> "info";
        };
    }

    /** Parses {@code P0}..{@code P4}; throws {@link IllegalArgumentException} naming the bad text. */
    public static Priority parse(String text) {
        for (Priority p : values()) {
            if (p.name().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a priority (expected P0, P1, P2, P3 or P4)");
    }
}
