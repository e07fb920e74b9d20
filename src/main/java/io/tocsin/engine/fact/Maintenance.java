package io.tocsin.engine.fact;

/**
 * A maintenance window in effect: an active maintenance silence. Alerts and criteria it matches carry
 * {@code inMaintenance}; rules that act on the system as a whole (promotions, the watch verdict) wait while any
 * window is open: {@code not Maintenance()}. Maintained by the engine as windows start and end.
 */
public final class Maintenance {

    private final String silenceId;
    private final long startsAt;
    private final long endsAt;
    private final String createdBy;
    private final String comment;

    public Maintenance(String silenceId, long startsAt, long endsAt, String createdBy, String comment) {
        this.silenceId = silenceId;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.createdBy = createdBy;
        this.comment = comment;
    }

    public String getSilenceId() {
        return silenceId;
    }

    public long getStartsAt() {
        return startsAt;
    }

    /** When the window ends (epoch ms, engine time). */
    public long getEndsAt() {
        return endsAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getComment() {
        return comment;
    }

    @Override
    public String toString() {
        return "Maintenance[" + silenceId + " by " + createdBy + ": " + comment + "]";
    }
}
