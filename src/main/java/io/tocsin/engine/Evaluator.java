package io.tocsin.engine;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Clock;
import io.tocsin.ingest.IngestResult;
import io.tocsin.ingest.SampleBatch;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * One Drools session and everything that evaluates it: series, clock, conditions, alert lifecycle. A pass
 * applies a whole batch (upsert series, advance the clock, withdraw stale series), fires the rules once, then
 * runs the alert lifecycle and lets rules react to alert changes.
 *
 * <p>Deterministic and single-threaded: it never reads the wall clock itself (it is handed one in wall-clock
 * mode) and must only be called from one thread. {@link Engine} provides that thread; tests drive it directly
 * on event time.
 */
public final class Evaluator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);
    /** A rule set that fires this often in one pass is looping; stop it rather than hang evaluation. */
    private static final int MAX_FIRINGS_PER_PASS = 1_000_000;
    /** Alert changes can make rules hold new conditions; settle them, but never spin. */
    private static final int MAX_LIFECYCLE_ROUNDS = 10;

    /** Durations that shape evaluation, in milliseconds. */
    public record Settings(long stalenessMillis, long resolvedRetentionMillis, long seriesRetentionMillis) {
    }

    private final KieSession session;
    private final LongSupplier wallClock; // null on event time
    private final SeriesTable series;
    private final ConditionTracker conditions = new ConditionTracker();
    private final AlertLifecycle lifecycle;
    private final SessionPseudoClock pseudoClock;
    private Clock clock;
    private FactHandle clockHandle;
    private volatile Counts counts = new Counts(0, 0, 0, 0, 0);

    /** Sizes after the last pass, readable from any thread (for gauges). */
    public record Counts(int currentSeries, int staleSeries, int pending, int firing, int resolved) {
    }

    /**
     * @param wallClock epoch-millisecond wall clock, or {@code null} to run on event time (now is the greatest
     *                  timestamp seen and never moves backwards)
     */
    public Evaluator(KieSession session, RuleCatalog catalog, Settings settings, LongSupplier wallClock) {
        this.session = session;
        this.wallClock = wallClock;
        this.series = new SeriesTable(session, settings.stalenessMillis(), settings.seriesRetentionMillis());
        this.lifecycle = new AlertLifecycle(session, catalog, settings.resolvedRetentionMillis());
        this.pseudoClock = session.getSessionClock();
        session.addEventListener(conditions);
        if (wallClock != null) {
            startClock(wallClock.getAsLong());
            evaluate();
        }
    }

    /** Applies a batch in one pass and returns what was accepted. */
    public IngestResult apply(SampleBatch batch) {
        SeriesTable.Applied applied = series.apply(batch.samples());
        long target = wallClock != null ? wallClock.getAsLong()
                : Math.max(clock == null ? Long.MIN_VALUE : clock.getNow(), applied.newestTimestamp());
        if (target != Long.MIN_VALUE) {
            moveClock(target);
            evaluate();
        }
        return new IngestResult(applied.accepted(), applied.outOfOrder());
    }

    /**
     * Moves engine time to {@code time} and evaluates; on event time this is how time passes without samples.
     * Throws {@link IllegalArgumentException} if it would move time backwards.
     */
    public void advanceTo(long time) {
        if (clock != null && time < clock.getNow()) {
            throw new IllegalArgumentException("clock cannot move backwards");
        }
        moveClock(time);
        evaluate();
    }

    /** Wall clock: evaluates at the current real time (deadlines, staleness, absence between samples). */
    public void tick() {
        if (wallClock == null) {
            throw new IllegalStateException("tick() is for the wall clock");
        }
        long now = wallClock.getAsLong();
        moveClock(Math.max(now, clock.getNow()));
        evaluate();
    }

    private void moveClock(long time) {
        if (clock == null) {
            startClock(time);
            return;
        }
        if (time > clock.getNow()) {
            clock.advanceTo(time);
            session.update(clockHandle, clock);
            pseudoClock.advanceTime(time - pseudoClock.getCurrentTime(), TimeUnit.MILLISECONDS);
        }
    }

    private void startClock(long time) {
        clock = new Clock(time);
        clockHandle = session.insert(clock);
        pseudoClock.advanceTime(time - pseudoClock.getCurrentTime(), TimeUnit.MILLISECONDS);
    }

    private void evaluate() {
        long now = clock.getNow();
        series.sync(now);
        fire();
        for (int round = 0; lifecycle.evaluate(now, conditions); round++) {
            fire();
            if (round == MAX_LIFECYCLE_ROUNDS) {
                LOG.warnf("alert changes kept changing conditions for %d rounds at %d; stopped",
                        MAX_LIFECYCLE_ROUNDS, now);
                break;
            }
        }
        publishCounts();
    }

    private void publishCounts() {
        int pending = 0;
        int firing = 0;
        for (Alert alert : lifecycle.activeView()) {
            if (alert.isPending()) {
                pending++;
            } else {
                firing++;
            }
        }
        counts = new Counts(series.currentCount(), series.staleCount(), pending, firing,
                lifecycle.resolvedCount());
    }

    private void fire() {
        int fired = session.fireAllRules(MAX_FIRINGS_PER_PASS);
        if (fired == MAX_FIRINGS_PER_PASS) {
            LOG.errorf("rules fired %d times in one pass: a rule is probably looping (modify without a guard)",
                    fired);
        }
    }

    /** Engine time in epoch milliseconds; empty on event time until the first sample or clock advance. */
    public OptionalLong now() {
        return clock == null ? OptionalLong.empty() : OptionalLong.of(clock.getNow());
    }

    public List<Alert> activeAlerts() {
        return lifecycle.active();
    }

    public List<Alert> resolvedAlerts() {
        return lifecycle.resolved();
    }

    public Counts counts() {
        return counts;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
