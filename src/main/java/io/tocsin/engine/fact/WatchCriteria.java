package io.tocsin.engine.fact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The success criteria of one watch: for each, the time ranges it was violated and the worst value seen while
 * violated, over the whole watch. Compliance is computed over the window being assessed (the whole watch, or
 * only its latest extension); only time the watch observed counts as compliant, so a deployment registered with
 * a {@code startedAt} in the past has not met its criteria for the time before it was registered. The engine records it after every evaluation; verdict rules read it through the
 * {@link Watch}.
 */
public final class WatchCriteria {

    /** A time range [from, to) of violation; {@code to} is null while it lasts. */
    public record Range(long from, Long to) {
        long length(long now) {
            return (to == null ? now : to) - from;
        }
    }

    /** One criterion's record. */
    public static final class Tracked {
        private final String name;
        private final double required;
        private final boolean lowestIsWorst;
        private final List<Range> ranges = new ArrayList<>();
        private Double worst;
        private long observedFrom = Long.MAX_VALUE; // the first observation; nothing before it is known

        Tracked(String name, double required, boolean lowestIsWorst) {
            this.name = name;
            this.required = required;
            this.lowestIsWorst = lowestIsWorst;
        }

        public String name() {
            return name;
        }

        public double required() {
            return required;
        }

        public List<Range> ranges() {
            return List.copyOf(ranges);
        }

        /** The worst value seen while violated; null if never violated. */
        public Double worst() {
            return worst;
        }

        public boolean lowestIsWorst() {
            return lowestIsWorst;
        }

        /** True while a violation range is open. */
        public boolean violated() {
            return !ranges.isEmpty() && ranges.get(ranges.size() - 1).to() == null;
        }

        /** When the watch first observed this criterion (engine time); {@code Long.MAX_VALUE} if never. */
        public long observedFrom() {
            return observedFrom;
        }

        /**
         * Fraction of [from, now] observed and without violation (1 for an empty window): time before the first
         * observation counts as not met.
         */
        public double compliance(long from, long now) {
            long window = now - from;
            if (window <= 0) {
                return 1.0;
            }
            long violated = Math.max(0, Math.min(observedFrom, now) - from); // unobserved
            for (Range r : ranges) {
                long start = Math.max(r.from(), from);
                long end = r.to() == null ? now : Math.min(r.to(), now);
                violated += Math.max(0, end - start);
            }
            return 1.0 - (double) violated / window;
        }

        void observe(boolean violated, Double value, long now) {
            observedFrom = Math.min(observedFrom, now);
            Range last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            boolean open = last != null && last.to() == null;
            if (violated && !open) {
                ranges.add(new Range(now, null));
            } else if (!violated && open) {
                ranges.set(ranges.size() - 1, new Range(last.from(), now));
            }
            if (violated && value != null) {
                worst = worst == null ? value : lowestIsWorst ? Math.min(worst, value) : Math.max(worst, value);
            }
        }

    }

    private final Map<String, Tracked> byName = new LinkedHashMap<>();

    /** Records whether a criterion is violated at {@code now}, with the worst current value. */
    public void observe(String name, double required, boolean lowestIsWorst, boolean violated, Double value,
            long now) {
        byName.computeIfAbsent(name, n -> new Tracked(n, required, lowestIsWorst)).observe(violated, value, now);
    }

    /**
     * Puts back a criterion's record saved before a restart; {@code observedFrom} null (a state saved before it
     * was kept) counts the whole window as observed, as that version did.
     */
    public void restore(String name, double required, boolean lowestIsWorst, List<Range> ranges, Double worst,
            Long observedFrom) {
        Tracked t = new Tracked(name, required, lowestIsWorst);
        t.ranges.addAll(ranges);
        t.worst = worst;
        t.observedFrom = observedFrom == null ? Long.MIN_VALUE : observedFrom;
        byName.put(name, t);
    }

    public List<Tracked> all() {
        return List.copyOf(byName.values());
    }

}
