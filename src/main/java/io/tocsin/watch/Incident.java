package io.tocsin.watch;

/**
 * A P0 or P1 alert that fired during a watch: its name and labels ({@code alert}), priority, when it fired and
 * when it was resolved (null while it fires). {@code id} is the alert instance's id.
 */
public record Incident(String id, String alert, String priority, long firedAt, Long resolvedAt) {

    Incident resolved(long at) {
        return new Incident(id, alert, priority, firedAt, at);
    }
}
