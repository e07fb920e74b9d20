package io.tocsin.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.SlaSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SLA report over a day, a week or 30 days ending at engine time: availability against its target, the error
 * budget (the downtime the target allows in the period: 43.2 minutes in 30 days at 99.9 %) used and left, the
 * average and worst P95 latency and error ratio against theirs, and the incidents (P0/P1 alerts) with their
 * durations. Hourly resolution: the figures cover the hours that start in the period (the current one so far);
 * incidents are those that overlap it. The JSON report is this
 * record; Markdown and HTML render it.
 *
 * @param coverage share of the period's minutes in which the availability series was sampled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlaReport(String pack, String period, String from, String to, String generatedAt, boolean met,
        double coverage, Availability availability, ErrorBudget errorBudget, Objective latency, Objective errors,
        List<IncidentLine> incidents) {

    /** The report periods. */
    public enum Period {
        DAILY(24 * SlaLedger.HOUR), WEEKLY(7 * 24 * SlaLedger.HOUR), MONTHLY(30 * 24 * SlaLedger.HOUR);

        public final long millis;

        Period(long millis) {
            this.millis = millis;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code daily}, {@code weekly} or {@code monthly}; null for anything else. */
        public static Period parse(String text) {
            for (Period p : values()) {
                if (p.wireName().equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** Availability over the minutes observed; null when the series was never sampled in the period. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Availability(String series, double target, Double value, boolean met) {
    }

    /** The downtime the target allows in the period, the downtime there was, and what is left (may be negative). */
    public record ErrorBudget(double budgetMinutes, double usedMinutes, double leftMinutes, double usedFraction) {
    }

    /** A latency or error-ratio objective: its series, target, average and worst sample; met if the average is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Objective(String series, double target, Double average, Double worst, boolean met) {
    }

    /** An incident in the period: when it fired and ended (null while it fires) and how long it lasted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentLine(String alert, String priority, String firedAt, String resolvedAt, long durationMillis,
            String duration, boolean ongoing) {
    }

    static SlaReport of(SlaLedger.Book book, Period period, long now) {
        long to = now;
        long from = now - period.millis;
        long firstHour = -Math.floorDiv(-from, SlaLedger.HOUR) * SlaLedger.HOUR; // the first hour starting in it
        SlaSpec spec = book.spec;
        SlaSpec.Objective availability = spec.objective(SlaSpec.Kind.AVAILABILITY);
        double observed = 0;
        double down = 0;
        for (SlaLedger.Bucket b : hours(book, SlaSpec.Kind.AVAILABILITY, firstHour, to)) {
            int minutes = b.observedMinutes();
            observed += minutes;
            down += minutes * (double) b.zeros / b.samples;
        }
        Double value = observed == 0 ? null : 1 - down / observed;
        double budget = period.millis / 60_000.0 * (1 - availability.target());
        Availability a = new Availability(availability.series().toString(), availability.target(), value,
                value != null && value >= availability.target());
        ErrorBudget errorBudget = new ErrorBudget(budget, down, budget - down, budget == 0 ? 0 : down / budget);
        Objective latency = objective(book, SlaSpec.Kind.LATENCY, firstHour, to);
        Objective errors = objective(book, SlaSpec.Kind.ERRORS, firstHour, to);
        List<IncidentLine> incidents = new ArrayList<>();
        for (SlaLedger.Incident i : book.incidents) {
            long end = i.resolvedAt() == null ? now : i.resolvedAt();
            if (i.firedAt() < to && end > from) {
                incidents.add(new IncidentLine(i.alert(), i.priority(), time(i.firedAt()), time(i.resolvedAt()),
                        end - i.firedAt(), Durations.format(end - i.firedAt()), i.resolvedAt() == null));
            }
        }
        boolean met = a.met() && (latency == null || latency.met()) && (errors == null || errors.met());
        return new SlaReport(spec.pack(), period.wireName(), time(from), time(to), time(now), met,
                Math.min(1.0, observed / (period.millis / 60_000.0)), a, errorBudget, latency, errors,
                List.copyOf(incidents));
    }

    private static Objective objective(SlaLedger.Book book, SlaSpec.Kind kind, long firstHour, long to) {
        SlaSpec.Objective o = book.spec.objective(kind);
        if (o == null) {
            return null;
        }
        double sum = 0;
        long samples = 0;
        Double worst = null;
        for (SlaLedger.Bucket b : hours(book, kind, firstHour, to)) {
            sum += b.sum;
            samples += b.samples;
            worst = worst == null ? b.max : Math.max(worst, b.max);
        }
        Double average = samples == 0 ? null : sum / samples;
        return new Objective(o.series().toString(), o.target(), average, worst, average != null
                && average <= o.target());
    }

    private static Iterable<SlaLedger.Bucket> hours(SlaLedger.Book book, SlaSpec.Kind kind, long firstHour, long to) {
        TreeMap<Long, SlaLedger.Bucket> hours = book.hours.get(kind);
        if (hours == null) {
            return List.of();
        }
        Map<Long, SlaLedger.Bucket> range = hours.subMap(firstHour, true, to, false);
        return range.values();
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
