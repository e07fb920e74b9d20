package io.tocsin.watch;

import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.Trend;
import io.tocsin.watch.history.History;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Keeps one {@link Trend} fact per watched series, fitted on the whole minutes of the trailing trend window and
 * refreshed when engine time enters a new minute (so a trend never depends on how samples were batched). A
 * series whose history does not yet cover most of the window has no trend: a steady rise needs time to show.
 */
public final class Trends {

    /** Minutes a fit needs, at the least, whatever the window. */
    static final int MIN_POINTS = 10;
    /** Share of the window the minutes must span. */
    static final double MIN_COVERAGE = 0.9;

    private final KieSession session;
    private final History history;
    private final long windowMillis;
    private final Map<SeriesKey, FactHandle> facts = new HashMap<>();
    private long refreshedMinute = Long.MIN_VALUE;

    public Trends(KieSession session, History history, long windowMillis) {
        this.session = session;
        this.history = history;
        this.windowMillis = windowMillis;
    }

    /** Brings trends to {@code now}'s minute; returns whether that was a new minute (values may have moved). */
    public boolean refresh(long now) {
        long minute = Math.floorDiv(now, History.MINUTE) * History.MINUTE;
        if (minute <= refreshedMinute) {
            return false;
        }
        refreshedMinute = minute;
        Map<SeriesKey, History.Fit> fits = history.fits(minute - windowMillis, minute);
        for (Iterator<Map.Entry<SeriesKey, FactHandle>> it = facts.entrySet().iterator(); it.hasNext();) {
            Map.Entry<SeriesKey, FactHandle> e = it.next();
            History.Fit fit = fits.get(e.getKey());
            if (!covers(fit)) {
                session.delete(e.getValue());
                it.remove();
            }
        }
        fits.forEach((key, fit) -> {
            if (!covers(fit)) {
                return;
            }
            FactHandle handle = facts.get(key);
            Trend trend = handle == null ? new Trend(key, windowMillis) : (Trend) session.getObject(handle);
            boolean changed = trend.update(growth(fit), fit.r2(), fit.slopePerHour(), fit.points());
            if (handle == null) {
                facts.put(key, session.insert(trend));
            } else if (changed) {
                session.update(handle, trend);
            }
        });
        return true;
    }

    private boolean covers(History.Fit fit) {
        return fit != null && fit.points() >= MIN_POINTS
                && fit.to() - fit.from() >= MIN_COVERAGE * windowMillis - History.MINUTE;
    }

    /** Rise over the window relative to the fitted start; from a start of 0, any rise counts as 100 %. */
    static double growth(History.Fit fit) {
        double rise = fit.end() - fit.start();
        if (fit.start() == 0) {
            return Math.signum(rise);
        }
        return rise / Math.abs(fit.start());
    }
}
