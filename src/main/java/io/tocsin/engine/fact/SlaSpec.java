package io.tocsin.engine.fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pack's service level agreement, declared once on one of its rules and kept by the engine as a ledger for
 * daily, weekly and monthly SLA reports:
 * {@code @sla("availability up{job='genesis-orchestrator'} 99.9%; latency orchestrator_p95_seconds 1s; errors orchestrator_error_ratio 0.1%")}.
 * {@code availability}: the share of samples of the series that are not 0, at least the target (the error
 * budget is the rest: 43.2 minutes in 30 days at 99.9 %); {@code latency}: a latency series (seconds) whose average
 * must stay at most the target; {@code errors}: an error ratio whose average must stay at most the target. The
 * incidents of a report are the pack's P0 and P1 alerts.
 */
public record SlaSpec(String pack, List<Objective> objectives) {

    /** What an objective measures. */
    public enum Kind {
        AVAILABILITY, LATENCY, ERRORS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One objective: its kind, the series it reads and the target (a ratio, or seconds for latency). */
    public record Objective(Kind kind, SeriesSelector series, double target) {
    }

    public Objective objective(Kind kind) {
        return objectives.stream().filter(o -> o.kind() == kind).findFirst().orElse(null);
    }

    public static SlaSpec parse(String pack, String text) {
        if (text == null) {
            return null;
        }
        List<Objective> out = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.trim();
            String[] words = p.split("\\s+");
            if (words.length < 3) {
                throw new IllegalArgumentException("@sla: '" + p + "' is not '<availability|latency|errors> <series>"
                        + " <target>' such as 'availability up{job='api'} 99.9%'");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(words[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@sla: '" + words[0] + "' is not availability, latency or errors");
            }
            String target = words[words.length - 1];
            SeriesSelector series = SeriesSelector.parse(p.substring(words[0].length(), p.lastIndexOf(target)).trim());
            double value;
            try {
                value = kind == Kind.LATENCY && !target.endsWith("%") && Character.isLetter(target.charAt(target.length() - 1))
                        ? Durations.millis(target) / 1000.0
                        : target.endsWith("%") ? Double.parseDouble(target.substring(0, target.length() - 1)) / 100
                                : Double.parseDouble(target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@sla: target '" + target + "' of " + words[0]
                        + " is not a percentage or a duration");
            }
            if (out.stream().anyMatch(o -> o.kind() == kind)) {
                throw new IllegalArgumentException("@sla: " + words[0] + " is given twice");
            }
            out.add(new Objective(kind, series, value));
        }
        if (out.stream().noneMatch(o -> o.kind() == Kind.AVAILABILITY)) {
            throw new IllegalArgumentException("@sla needs an availability objective");
        }
        return new SlaSpec(pack, List.copyOf(out));
    }
}
