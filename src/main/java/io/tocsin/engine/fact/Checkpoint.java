package io.tocsin.engine.fact;

/**
 * A checkpoint a rule has taken: the watch, the due time (epoch ms) and the runbook phase it belongs to. The
 * engine records a status snapshot for it; rules may announce it ({@code new Notify($checkpoint, ...)}).
 */
public final class Checkpoint {

    private final Watch watch;
    private final long due;
    private final String phase;

    /** The watch's due checkpoint, in the phase its cadence gives: {@code insert(new Checkpoint($w))}. */
    public Checkpoint(Watch watch) {
        this.watch = watch;
        this.due = watch.getNextCheckpointAt();
        this.phase = watch.getPhase();
    }

    public Watch getWatch() {
        return watch;
    }

    public long getDue() {
        return due;
    }

    public String getPhase() {
        return phase;
    }

    /** Time since the deployment started, e.g. 6 hours for the T+6h checkpoint. */
    public long getOffset() {
        return watch.offset(due);
    }

    /** True if this is the checkpoint at one of the given offsets ("1h", "6h", ...). */
    public boolean at(String... offsets) {
        for (String offset : offsets) {
            if (getOffset() == io.tocsin.engine.fact.Durations.millis(offset)) {
                return true;
            }
        }
        return false;
    }

    /** The runbook's name for it, in hours and minutes: {@code T+15m}, {@code T+6h}, {@code T+36h}. */
    public String getLabel() {
        return io.tocsin.engine.fact.Durations.offset(getOffset());
    }
}
