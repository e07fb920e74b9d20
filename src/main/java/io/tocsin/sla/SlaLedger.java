package io.tocsin.sla;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.SlaSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the engine keeps for the SLA reports of the packs that declare an SLA ({@code @sla}): per objective and
 * hour of the last 31 days, the minutes observed, the samples, those at 0 (availability) and the sum and maximum
 * of the values (latency, error ratio); and the pack's P0/P1 alerts as incidents with when they fired and ended.
 * Bounded (744 hours per objective, at most {@value #MAX_INCIDENTS} incidents per pack), part of the engine's
 * saved state, and kept on the engine thread only.
 */
public final class SlaLedger {

    static final long HOUR = 3_600_000L;
    /** Enough for a 30-day report whatever the hour it is asked at. */
    static final long KEEP_MILLIS = 31L * 24 * HOUR;
    static final int MAX_INCIDENTS = 1_000;

    /** One hour of one objective: observed minutes (a bit per minute), samples, zero samples, sum and maximum. */
    static final class Bucket {
        long minutes;
        long samples;
        long zeros;
        double sum;
        double max = Double.NEGATIVE_INFINITY;

        void add(long timestamp, double value) {
            minutes |= 1L << (int) Math.floorMod(Math.floorDiv(timestamp, 60_000L), 60L);
            samples++;
            if (value == 0) {
                zeros++;
            }
            sum += value;
            max = Math.max(max, value);
        }

        int observedMinutes() {
            return Long.bitCount(minutes);
        }
    }

    /** A saved hour: {@code kind} is the objective's kind, {@code hour} its start (epoch ms). */
    public record BucketState(String kind, long hour, long minutes, long samples, long zeros, double sum,
            double max) {
    }

    /** A P0/P1 alert of the pack: id of the alert instance, name with labels, priority, fired and resolved. */
    public record Incident(String id, String alert, String priority, long firedAt, Long resolvedAt) {
    }

    /** A pack's ledger as data (the engine's snapshot). */
    public record State(String pack, List<BucketState> buckets, List<Incident> incidents) {
    }

    /** One pack's ledger. */
    static final class Book {
        final SlaSpec spec;
        final Map<SlaSpec.Kind, TreeMap<Long, Bucket>> hours = new EnumMap<>(SlaSpec.Kind.class);
        final List<Incident> incidents = new ArrayList<>();
        /**
         * The ids of the incidents listed and of those still open: every alert of the pack that resolves is
         * looked for here, hundreds a second in a storm, against a list of up to {@link #MAX_INCIDENTS}.
         */
        final Set<String> ids = new HashSet<>();
        final Set<String> open = new HashSet<>();

        Book(SlaSpec spec) {
            this.spec = spec;
            spec.objectives().forEach(o -> hours.put(o.kind(), new TreeMap<>()));
        }
    }

    private final Map<String, Book> books = new TreeMap<>();
    /** The metric names any objective reads (every sample is checked against them first). */
    private final java.util.Set<String> metrics = new java.util.HashSet<>();
    private long prunedTo = Long.MIN_VALUE;

    public SlaLedger(List<SlaSpec> specs) {
        specs.forEach(s -> books.put(s.pack(), new Book(s)));
        specs.forEach(s -> s.objectives().forEach(o -> metrics.add(o.series().metric())));
    }

    /** The SLAs kept, by pack. */
    public List<SlaSpec> specs() {
        return books.values().stream().map(b -> b.spec).toList();
    }

    /** Where the samples of one series go: the hourly ledgers of the objectives that read it. */
    public static final class Targets {
        private final List<TreeMap<Long, Bucket>> ledgers;

        private Targets(List<TreeMap<Long, Bucket>> ledgers) {
            this.ledgers = ledgers;
        }
    }

    /** The objectives that read samples of this series, or null if none does (asked once per series). */
    public Targets targets(SeriesKey key) {
        if (!metrics.contains(key.metric())) {
            return null; // most series: no objective reads this metric
        }
        List<TreeMap<Long, Bucket>> ledgers = new ArrayList<>();
        for (Book book : books.values()) {
            for (SlaSpec.Objective o : book.spec.objectives()) {
                if (o.series().matches(key)) {
                    ledgers.add(book.hours.get(o.kind()));
                }
            }
        }
        return ledgers.isEmpty() ? null : new Targets(List.copyOf(ledgers));
    }

    /** Records a (finite) sample of a series the objectives of {@code targets} read. */
    public void record(Targets targets, long timestamp, double value) {
        long hour = Math.floorDiv(timestamp, HOUR) * HOUR;
        for (TreeMap<Long, Bucket> ledger : targets.ledgers) {
            ledger.computeIfAbsent(hour, h -> new Bucket()).add(timestamp, value);
        }
    }

    /** Records a (finite) sample if an objective reads its series. */
    public void record(SeriesKey key, long timestamp, double value) {
        Targets targets = targets(key);
        if (targets != null) {
            record(targets, timestamp, value);
        }
    }

    /**
     * Follows the packs' P0/P1 alerts through the alerts that started firing or were resolved since the last call
     * ({@code transitions}, from the lifecycle: work in proportion to what changed): one that fires opens an
     * incident, one that is resolved ends it at {@code now}. Drops what is older than the reports need.
     */
    public void alerts(long now, List<Alert> transitions) {
        if (books.isEmpty()) {
            return;
        }
        for (Alert a : transitions) {
            Book book = books.get(a.getPack());
            if (book == null) {
                continue;
            }
            if (a.isFiring()) {
                open(book, a);
            } else {
                close(book, a.getId(), now);
            }
        }
        prune(now);
    }

    /**
     * After a restore: the incidents of P0/P1 alerts firing now are open, every other incident is ended at
     * {@code now} (its alert is gone: its rule was removed while Tocsin was down).
     */
    public void reconcile(long now, List<Alert> active) {
        if (books.isEmpty()) {
            return;
        }
        Set<String> firing = new HashSet<>();
        for (Alert a : active) {
            Book book = books.get(a.getPack());
            if (book != null && a.isFiring() && open(book, a)) {
                firing.add(a.getId());
            }
        }
        for (Book book : books.values()) {
            for (Incident inc : List.copyOf(book.incidents)) {
                if (inc.resolvedAt() == null && !firing.contains(inc.id())) {
                    close(book, inc.id(), now);
                }
            }
        }
        prune(now);
    }

    /** Opens an incident for a firing P0/P1 alert unless it has one; false for other priorities. */
    private static boolean open(Book book, Alert a) {
        if (a.getPriority() != Priority.P0 && a.getPriority() != Priority.P1) {
            return false;
        }
        if (book.ids.add(a.getId())) {
            book.incidents.add(new Incident(a.getId(), a.getName() + Labels.format(a.getLabels()),
                    a.getPriority().name(), a.getFiredAt(), null));
            book.open.add(a.getId());
            if (book.incidents.size() > MAX_INCIDENTS) {
                Incident dropped = book.incidents.remove(0);
                book.ids.remove(dropped.id());
                book.open.remove(dropped.id());
            }
        }
        return true;
    }

    private static void close(Book book, String alertId, long now) {
        if (!book.open.remove(alertId)) {
            return; // not an incident, or one ended already
        }
        for (int i = book.incidents.size() - 1; i >= 0; i--) {
            Incident inc = book.incidents.get(i);
            if (inc.id().equals(alertId)) {
                if (inc.resolvedAt() == null) {
                    book.incidents.set(i, new Incident(inc.id(), inc.alert(), inc.priority(), inc.firedAt(), now));
                }
                return;
            }
        }
    }

    /**
     * Drops hours and ended incidents from before the hour that starts the kept 31 days: once per hour of engine
     * time, so what is kept depends on the hour alone (a restored engine keeps the same as one that ran through).
     */
    private void prune(long now) {
        long cutoff = Math.floorDiv(now - KEEP_MILLIS, HOUR) * HOUR;
        if (cutoff == prunedTo) {
            return;
        }
        prunedTo = cutoff;
        for (Book book : books.values()) {
            book.hours.values().forEach(h -> h.headMap(cutoff).clear());
            book.incidents.removeIf(inc -> {
                boolean old = inc.resolvedAt() != null && inc.resolvedAt() < cutoff;
                if (old) {
                    book.ids.remove(inc.id());
                }
                return old;
            });
        }
    }

    /** The report of a pack's SLA over the period ending at {@code now}; null if the pack declares no SLA. */
    public SlaReport report(String pack, SlaReport.Period period, long now) {
        Book book = books.get(pack);
        return book == null ? null : SlaReport.of(book, period, now);
    }

    public List<State> capture() {
        List<State> out = new ArrayList<>();
        for (Book book : books.values()) {
            List<BucketState> buckets = new ArrayList<>();
            book.hours.forEach((kind, hours) -> hours.forEach((hour, b) -> buckets.add(new BucketState(kind.wireName(),
                    hour, b.minutes, b.samples, b.zeros, b.sum, b.max))));
            out.add(new State(book.spec.pack(), buckets, List.copyOf(book.incidents)));
        }
        return out;
    }

    /** Puts back what was saved before a restart, for the packs that still declare an SLA. */
    public void restore(List<State> saved) {
        if (saved == null) {
            return;
        }
        for (State s : saved) {
            Book book = books.get(s.pack());
            if (book == null) {
                continue;
            }
            for (BucketState b : s.buckets()) {
                TreeMap<Long, Bucket> hours = book.hours.get(SlaSpec.Kind.valueOf(b.kind().toUpperCase(java.util.Locale.ROOT)));
                if (hours != null) {
                    Bucket bucket = new Bucket();
                    bucket.minutes = b.minutes();
                    bucket.samples = b.samples();
                    bucket.zeros = b.zeros();
                    bucket.sum = b.sum();
                    bucket.max = b.max();
                    hours.put(b.hour(), bucket);
                }
            }
            for (Incident inc : s.incidents()) {
                if (book.ids.add(inc.id())) {
                    book.incidents.add(inc);
                    if (inc.resolvedAt() == null) {
                        book.open.add(inc.id());
                    }
                }
            }
        }
    }
}
