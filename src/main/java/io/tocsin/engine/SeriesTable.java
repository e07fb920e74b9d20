package io.tocsin.engine;

import io.tocsin.engine.fact.KnownSeries;
import io.tocsin.engine.fact.Metric;
import io.tocsin.engine.fact.Series;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.state.EngineState;
import io.tocsin.watch.EvidenceCollector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Every series the engine knows, each held once and updated in place, and which of them are in the session.
 * A series is current while its latest sample is at most the staleness window old (Prometheus 2.x: a sample
 * exactly five minutes old still counts); a stale series is withdrawn from the session and comes back with its
 * next sample. Series and metric names silent for longer than the retention are forgotten. A staleness marker
 * (remote write) ends a series at once: it is stale from the evaluation that applies the marker, as in
 * Prometheus, where the marker hides the series from every query at or after its time.
 *
 * <p>Not thread-safe: only the engine's evaluation thread uses it.
 */
final class SeriesTable implements EvidenceCollector.SeriesLookup {

    /** Outcome of applying one batch. */
    record Applied(int accepted, int outOfOrder, long newestTimestamp) {
    }

    private static final Object UNASKED = new Object();

    private static final class Entry {
        final SeriesTable owner;
        final Series series;
        final long seq;
        boolean forgotten;
        Object tap = UNASKED; // the sample tap's interest in it (null: none)
        Metric metric; // its metric name's fact, while metricEpoch is the table's
        int metricEpoch;
        FactHandle handle; // non-null exactly while the series is current (and then it is queued)
        ValueTriggers.Triggers triggers; // set when it enters the session
        long told; // the answers of its triggers for the value the session last saw
        boolean queued; // in the staleness queue
        long queuedAt; // its sample time when queued: at most its sample time now
        boolean stale; // known but not current; due to be forgotten once silent for the retention
        boolean staleQueued; // in the stale queue (maybe from an earlier stale spell, see staleQueue)
        long staleAt; // its sample time when queued there: at most its sample time now (see replace)
        boolean dirty;
        // Ended by a staleness marker (Prometheus' StaleNaN) that is its latest sample: kept out of the session
        // until a newer real sample arrives. The series then holds the marker (NaN) and its time, so samples
        // older than the marker are out of order, as in Prometheus' TSDB.
        boolean ended;

        Entry(SeriesTable owner, Series series, long seq) {
            this.owner = owner;
            this.series = series;
            this.seq = seq;
            series.getKey().tableHint(this);
        }

        long timestamp() {
            return series.getTimestamp();
        }
    }

    private final KieSession session;
    private final ValueTriggers triggers;
    private long silentUpdates;
    private final long stalenessMillis;
    private final long retentionMillis;
    private final Map<SeriesKey, Entry> all = new HashMap<>();
    private static final Comparator<Entry> BY_SAMPLE_TIME =
            Comparator.comparingLong(Entry::timestamp).thenComparingLong(e -> e.seq);
    // Current series by the sample time they had when queued, oldest first. A series is queued once, not on every
    // sample: when its queued time expires the sweep looks at its latest sample and queues it again if it is
    // still current, so the queue costs one move per series per staleness window instead of two per sample.
    private final PriorityQueue<Entry> byQueuedTime = new PriorityQueue<>(Comparator.comparingLong(e -> e.queuedAt));
    private int current;
    // Stale series by the sample time they had when queued, oldest first, for forgetting them after the retention.
    // Like the staleness queue, lazily: a stale series sampled again stays queued (leaving costs nothing; taking it
    // out of a sorted set was a fifth of the storm's evaluation when series lag behind the clock and come back),
    // and when it comes up the sweep drops it if it is current, queues it again by its latest sample if it was
    // sampled since, and forgets it otherwise.
    private final PriorityQueue<Entry> staleQueue = new PriorityQueue<>(Comparator.comparingLong(e -> e.staleAt));
    private final Map<String, Metric> metrics = new HashMap<>();
    private final Map<String, FactHandle> metricHandles = new HashMap<>();
    private final List<Entry> dirty = new ArrayList<>();
    private final List<Series> moved = new ArrayList<>();
    private final List<Metric> dirtyMetrics = new ArrayList<>();
    private long nextSeq;
    private long nextMetricSweep = Long.MIN_VALUE;
    private int metricEpoch = 1;
    /** Metric names are few, so the sweep for silent ones runs at most once a minute of engine time. */
    private static final long METRIC_SWEEP_MILLIS = 60_000;

    /** Where each finite sample also goes (the watch history, the SLA ledger). */
    interface SampleTap {
        /** What the tap needs to take samples of this series, or null if it wants none (asked once per series). */
        Object interest(SeriesKey key);

        /** A sample of a series whose {@link #interest} was not null. */
        void record(Object interest, SeriesKey key, long timestamp, double value);
    }

    private final SampleTap history;
    private final int maxSeries;

    /** @param maxSeries series held at once (current and stale); batches that would create more are refused */
    SeriesTable(KieSession session, ValueTriggers triggers, long stalenessMillis, long retentionMillis,
            SampleTap history, int maxSeries) {
        this.session = session;
        this.triggers = triggers;
        this.history = history;
        this.stalenessMillis = stalenessMillis;
        this.retentionMillis = retentionMillis;
        this.maxSeries = maxSeries;
    }

    /**
     * Records a batch's samples in array order. A sample older than its series' latest is out of order; one
     * at the same time with the same value is a harmless repeat; one at the same time with another value is
     * a conflicting duplicate and counts as out of order too (Prometheus rejects it likewise). Nothing reaches
     * the session until {@link #sync}.
     *
     * <p>Future-stamped samples never hold a series: when a series' latest sample is stamped after engine
     * {@code now}, a sample stamped at or before {@code now} replaces it instead of being out of order, so one
     * sample from the future cannot hide the real series until its time comes. A sample stamped after
     * {@code latestAllowed} (now plus the future tolerance, on the wall clock) is ignored and counted as out of
     * order: it cannot move its series beyond that.
     *
     * <p>The batch is checked before anything of it is applied: if it would take the table beyond its limit of
     * series, it is refused whole ({@link Rejected#limit}) and nothing changes, while batches of known series go
     * on as usual.
     *
     * @param now           engine time the batch is applied at ({@code Long.MAX_VALUE} on event time, where now
     *                      follows the samples)
     * @param latestAllowed the latest sample time that may be applied
     */
    Applied apply(List<Sample> samples, long now, long latestAllowed) {
        Entry[] known = admit(samples);
        int accepted = 0;
        int outOfOrder = 0;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            Entry entry = known[i] != null ? known[i] : entry(sample.key()); // a new series met again
            boolean marker = sample.endsSeries();
            if (sample.timestamp() > latestAllowed) {
                outOfOrder++;
                continue;
            }
            if (entry == null && marker) {
                accepted++; // nothing to end: the series is unknown or already forgotten
                newest = Math.max(newest, sample.timestamp());
                continue;
            }
            if (entry == null) {
                entry = new Entry(this, new Series(sample.key(), sample.value(), sample.timestamp()), nextSeq++);
                all.put(sample.key(), entry);
                KnownSeries.register(sample.key());
            } else if (entry.timestamp() > now && sample.timestamp() <= now) {
                // the latest sample came from the future: the real series takes over
                replace(entry, sample);
            } else if (sample.timestamp() < entry.timestamp()
                    || sample.timestamp() == entry.timestamp()
                            && Double.compare(sample.value(), entry.series.getValue()) != 0) {
                outOfOrder++;
                continue;
            } else if (sample.timestamp() == entry.timestamp()) {
                accepted++; // identical repeat
                continue;
            } else {
                replace(entry, sample);
            }
            entry.ended = marker;
            accepted++;
            newest = Math.max(newest, sample.timestamp());
            markDirty(entry);
            if (marker) {
                continue; // a marker is no sample: no history point, and absence rules still count from the last one
            }
            if (Double.isFinite(sample.value()) && tap(entry) != null) { // charts and trends need numbers
                history.record(entry.tap, sample.key(), sample.timestamp(), sample.value());
            }
            touchMetric(entry, sample.timestamp());
        }
        return new Applied(accepted, outOfOrder, newest);
    }

    private void replace(Entry entry, Sample sample) {
        if (entry.handle == null && entry.stale) { // a current one stays queued: the staleness sweep re-queues it
            entry.stale = false; // it may stay in the stale queue: the sweep drops it there
        }
        if (entry.staleQueued && sample.timestamp() < entry.staleAt) {
            staleQueue.remove(entry); // a future-stamped sample replaced: queued again by its real time if stale
            entry.staleQueued = false;
        }
        if (entry.queued && sample.timestamp() < entry.queuedAt) {
            byQueuedTime.remove(entry); // a future-stamped sample replaced: queued again by its real time at sync
            entry.queued = false;
        }
        entry.series.record(sample.value(), sample.timestamp());
    }

    /**
     * The known entry of each sample (null for a new series), after checking that the new series fit under the
     * limit; throws {@link Rejected} naming how many new series were refused, having changed nothing.
     */
    private Entry[] admit(List<Sample> samples) {
        Entry[] known = new Entry[samples.size()];
        java.util.Set<SeriesKey> fresh = null;
        for (int i = 0; i < known.length; i++) {
            Sample sample = samples.get(i);
            known[i] = entry(sample.key());
            if (known[i] == null && !sample.endsSeries()) { // a marker for an unknown series creates nothing
                if (fresh == null) {
                    fresh = new java.util.HashSet<>();
                }
                fresh.add(sample.key());
            }
        }
        if (fresh != null && all.size() + fresh.size() > maxSeries) {
            int room = Math.max(0, maxSeries - all.size());
            throw Rejected.limit("series", "the batch would create " + fresh.size() + " new series and the engine"
                    + " holds " + all.size() + " of at most " + maxSeries + " (tocsin.limits.max-series): "
                    + (fresh.size() - room) + " new series refused, so nothing of the batch was applied; samples"
                    + " of known series are accepted, and series silent for tocsin.series-retention are forgotten");
        }
        return known;
    }

    private Object tap(Entry entry) {
        if (entry.tap == UNASKED) {
            entry.tap = history.interest(entry.series.getKey());
        }
        return entry.tap;
    }

    /** The entry of a series: by its key's hint when that is this table's live entry, else looked up. */
    private Entry entry(SeriesKey key) {
        if (key.tableHint() instanceof Entry hinted && hinted.owner == this && !hinted.forgotten
                && hinted.series.getKey() == key) {
            return hinted;
        }
        Entry found = all.get(key);
        if (found != null && found.series.getKey() == key) {
            key.tableHint(found);
        }
        return found;
    }

    /**
     * Throws {@link Rejected} if the batch would take the table beyond its limit, changing nothing; costs nothing
     * while the table is far from it.
     */
    void check(List<Sample> samples) {
        if (all.size() + samples.size() > maxSeries) {
            admit(samples);
        }
    }

    private void markDirty(Entry entry) {
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(entry);
        }
    }

    private void touchMetric(Entry entry, long timestamp) {
        if (entry.metric != null && entry.metricEpoch == metricEpoch) {
            if (entry.metric.sampledAt(timestamp) && !dirtyMetrics.contains(entry.metric)) {
                dirtyMetrics.add(entry.metric);
            }
            return;
        }
        String name = entry.series.getMetric();
        Metric metric = metrics.get(name);
        if (metric == null) {
            metric = new Metric(name, timestamp);
            metrics.put(name, metric);
            dirtyMetrics.add(metric);
        } else if (metric.sampledAt(timestamp) && !dirtyMetrics.contains(metric)) {
            dirtyMetrics.add(metric);
        }
        entry.metric = metric;
        entry.metricEpoch = metricEpoch;
    }

    /**
     * Brings the session in line with the table at engine time {@code now}: changed series are inserted or
     * updated if current, series that went stale are withdrawn, long-silent ones forgotten. Returns whether any
     * series took a new value.
     */
    boolean sync(long now) {
        long cutoff = now - stalenessMillis;
        boolean moved = !dirty.isEmpty();
        this.moved.clear();
        for (Entry entry : dirty) {
            entry.dirty = false;
            this.moved.add(entry.series);
            if (entry.ended || entry.timestamp() < cutoff) {
                markStale(entry); // ended by a staleness marker, or accepted but already stale at this engine time
                continue;
            }
            if (entry.handle == null) {
                entry.handle = session.insert(entry.series);
                current++;
                if (entry.triggers == null) {
                    entry.triggers = triggers.of(entry.handle, resolver());
                }
                if (!entry.triggers.always()) {
                    entry.told = entry.triggers.answers(entry.handle, resolver());
                }
            } else if (entry.triggers.always()) {
                session.update(entry.handle, entry.series);
            } else {
                // the value moved in place; the session hears of it only when one of its thresholds flipped
                long answers = entry.triggers.answers(entry.handle, resolver());
                if (answers != entry.told) {
                    entry.told = answers;
                    session.update(entry.handle, entry.series);
                } else {
                    silentUpdates++;
                }
            }
            queue(entry); // if it is not queued yet
        }
        dirty.clear();
        for (Metric metric : dirtyMetrics) {
            FactHandle handle = metricHandles.get(metric.getName());
            if (handle == null) {
                metricHandles.put(metric.getName(), session.insert(metric));
            } else {
                session.update(handle, metric);
            }
        }
        dirtyMetrics.clear();
        withdrawStale(cutoff);
        forget(now - retentionMillis);
        return moved;
    }

    private void queue(Entry entry) {
        if (!entry.queued) {
            entry.queued = true;
            entry.queuedAt = entry.timestamp();
            byQueuedTime.add(entry);
        }
    }

    private void withdrawStale(long cutoff) {
        List<Entry> expired = null;
        while (!byQueuedTime.isEmpty() && byQueuedTime.peek().queuedAt < cutoff) {
            Entry entry = byQueuedTime.poll();
            entry.queued = false;
            if (entry.handle == null) {
                continue; // already withdrawn (ended by a marker, or stale when it arrived)
            }
            if (entry.timestamp() < cutoff) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(entry);
            } else {
                queue(entry); // sampled since: due again a staleness window after its latest sample
            }
        }
        if (expired != null) {
            expired.sort(BY_SAMPLE_TIME); // withdrawn oldest first, whatever order they were queued in
            expired.forEach(this::markStale);
        }
    }

    private void markStale(Entry entry) {
        if (entry.handle != null) {
            session.delete(entry.handle);
            entry.handle = null;
            current--;
        }
        if (!entry.stale) {
            entry.stale = true;
            queueStale(entry);
        }
    }

    private void queueStale(Entry entry) {
        if (!entry.staleQueued) {
            entry.staleQueued = true;
            entry.staleAt = entry.timestamp();
            staleQueue.add(entry);
        }
    }

    /**
     * Forgets series and metric names silent since {@code cutoff}. Forgetting a {@link Metric} changes no absence
     * rule: {@code not Metric(name == .., lastSampleAt >= ..)} holds for a long-silent metric and for none alike.
     */
    private void forget(long cutoff) {
        while (!staleQueue.isEmpty() && staleQueue.peek().staleAt < cutoff) {
            Entry entry = staleQueue.poll();
            entry.staleQueued = false;
            if (!entry.stale) {
                continue; // current again
            }
            if (entry.timestamp() >= cutoff) {
                queueStale(entry); // sampled since it was queued, and stale again: due by its latest sample
                continue;
            }
            entry.stale = false;
            entry.forgotten = true;
            SeriesKey key = entry.series.getKey();
            all.remove(key);
            KnownSeries.forget(key);
            if (key.tableHint() == entry) {
                key.tableHint(null); // a key the parsers still hold must not keep this table alive
            }
        }
        if (cutoff >= nextMetricSweep) {
            nextMetricSweep = cutoff + METRIC_SWEEP_MILLIS;
            for (Iterator<Metric> it = metrics.values().iterator(); it.hasNext();) {
                Metric metric = it.next();
                if (metric.getLastSampleAt() < cutoff) {
                    metricEpoch++; // the entries' links to metric facts are stale now
                    it.remove();
                    session.delete(metricHandles.remove(metric.getName()));
                }
            }
        }
    }

    /** Every known series, in the order first seen, and every metric name, as data. */
    List<EngineState.SeriesState> capture() {
        List<Entry> entries = new ArrayList<>(all.values());
        entries.sort(Comparator.comparingLong(e -> e.seq));
        List<EngineState.SeriesState> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(new EngineState.SeriesState(e.series.getMetric(), e.series.getLabels(), e.series.getValue(),
                    e.series.getTimestamp()));
        }
        return out;
    }

    List<EngineState.MetricState> captureMetrics() {
        List<EngineState.MetricState> out = new ArrayList<>();
        metrics.values().forEach(m -> out.add(new EngineState.MetricState(m.getName(), m.getLastSampleAt())));
        out.sort(Comparator.comparing(EngineState.MetricState::name));
        return out;
    }

    /**
     * Puts back series and metric names saved before a restart; the next {@link #sync} brings them into the
     * session as current or stale, as they were. Nothing reaches the watch history, which is restored with the
     * watches.
     */
    void restore(List<EngineState.SeriesState> saved, List<EngineState.MetricState> savedMetrics) {
        for (EngineState.SeriesState s : saved) {
            SeriesKey key = KnownSeries.canonical(new SeriesKey(s.metric(), s.labels())); // parsers hand on this one
            Entry entry = new Entry(this, new Series(key, s.value(), s.timestamp()), nextSeq++);
            all.put(key, entry);
            KnownSeries.register(key);
            markDirty(entry);
        }
        for (EngineState.MetricState m : savedMetrics) {
            Metric metric = new Metric(m.name(), m.lastSampleAt());
            metrics.put(m.name(), metric);
            dirtyMetrics.add(metric);
        }
    }

    /** The series with this key, current or stale; null if unknown or forgotten. */
    @Override
    public Series find(SeriesKey key) {
        Entry entry = all.get(key);
        return entry == null ? null : entry.series;
    }

    /**
     * For each list of selectors, the known series any of them matches, by name. One scan of the whole table for
     * all the lists, each series looked up by its metric among the selectors: for rare events such as a rollback.
     */
    @Override
    public List<List<Series>> matching(List<List<SeriesSelector>> selectorLists) {
        record Wanted(int list, SeriesSelector selector) {
        }
        Map<String, List<Wanted>> byMetric = new HashMap<>();
        List<List<Series>> out = new ArrayList<>(selectorLists.size());
        for (int i = 0; i < selectorLists.size(); i++) {
            out.add(new ArrayList<>());
            for (SeriesSelector selector : selectorLists.get(i)) {
                byMetric.computeIfAbsent(selector.metric(), m -> new ArrayList<>()).add(new Wanted(i, selector));
            }
        }
        for (Entry entry : all.values()) {
            SeriesKey key = entry.series.getKey();
            List<Wanted> wanted = byMetric.get(key.metric());
            if (wanted == null) {
                continue;
            }
            for (Wanted w : wanted) {
                List<Series> list = out.get(w.list());
                // a series two selectors of one list match is there once (they are adjacent: same list, in order)
                if (w.selector().matches(key) && (list.isEmpty() || list.get(list.size() - 1) != entry.series)) {
                    list.add(entry.series);
                }
            }
        }
        // criteria often judge the same series: render each name once for all the lists
        Map<Series, String> names = new java.util.IdentityHashMap<>();
        out.forEach(list -> SeriesKey.sortByName(list, s -> names.computeIfAbsent(s, x -> x.getKey().toString())));
        return out;
    }

    private org.drools.base.base.ValueResolver resolver() {
        return (org.drools.base.base.ValueResolver) session;
    }

    /** The series that took a new sample in the last {@link #sync}. */
    List<Series> moved() {
        return moved;
    }

    /** Samples whose new value no rule could tell from the one before, so the session was not told. */
    long silentUpdates() {
        return silentUpdates;
    }

    int currentCount() {
        return current;
    }

    /** Series known but stale. */
    int staleCount() {
        return all.size() - current;
    }
}
