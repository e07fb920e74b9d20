package io.tocsin.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.engine.fact.Figure;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.fact.WatchCriteria;
import io.tocsin.watch.history.History;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's summary of a watch at a moment: PASS or FAIL (every success criterion met so far over the
 * assessed window and no P0/P1 alert firing), the figures the pack declares ({@code @figures}: each series' value
 * now and its average over the last 24 hours, from the per-minute history), and the incidents (P0/P1 alerts that
 * fired during the watch). Milestone checkpoints and the verdict announce it; reports show it.
 *
 * @param verdict   {@code PASS} or {@code FAIL}
 * @param failing   why it fails (unmet criteria, firing incidents); empty for PASS
 * @param figures   one value per declared figure and series
 * @param incidents P0/P1 alerts that fired during the watch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchSummary(String verdict, List<String> failing, List<Value> figures, List<Incident> incidents) {

    /** The window of the figures' averages. */
    public static final long AVERAGE_WINDOW = 24 * 3_600_000L;

    /** One figure of one series: the latest per-minute value and the mean of the last 24 hours' minutes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Value(String label, String series, String metric, Double now, Double average24h) {
        /** {@code error rate 0.02% (24h avg 0.03%)}. */
        public String text() {
            return label + " " + format(metric, now) + (average24h == null ? "" : " (24h avg "
                    + format(metric, average24h) + ")");
        }
    }

    /** The summary of a watch at {@code now}. */
    public static WatchSummary of(WatchLog log, History history, List<Figure> declared, long now) {
        Watch w = log.watch();
        long until = w.getClosedAt() != null ? Math.min(now, w.getClosedAt()) : now;
        List<String> failing = new ArrayList<>();
        if (w.isWatching() && w.getExtensions() > 0 && until <= w.getAssessedFrom()) {
            failing.add(w.getReason()); // just extended: the window judged is the one that ended now
        }
        for (WatchCriteria.Tracked t : w.getCriteria().all()) {
            double compliance = t.compliance(w.getAssessedFrom(), until);
            if (compliance < t.required()) {
                failing.add(t.name() + " " + percent(compliance) + " < " + percent(t.required()));
            }
        }
        for (Incident i : log.incidents()) {
            if (i.resolvedAt() == null) {
                failing.add(i.alert() + " " + i.priority() + " firing");
            }
        }
        List<Value> figures = new ArrayList<>();
        for (Figure f : declared) {
            List<History.Line> lines = history.lines(List.of(f.series()), Math.max(w.getStartedAt(),
                    until - AVERAGE_WINDOW), until + 1);
            for (History.Line line : lines) {
                List<History.Point> points = line.points();
                if (points.isEmpty()) {
                    continue;
                }
                double sum = 0;
                for (History.Point p : points) {
                    sum += p.last();
                }
                String label = lines.size() == 1 ? f.label() : f.label() + Labels.format(line.key().labels());
                figures.add(new Value(label, line.key().toString(), line.key().metric(),
                        points.get(points.size() - 1).last(), sum / points.size()));
            }
            if (lines.stream().allMatch(l -> l.points().isEmpty())) {
                figures.add(new Value(f.label(), f.series().toString(), f.series().metric(), null, null));
            }
        }
        return new WatchSummary(failing.isEmpty() ? "PASS" : "FAIL", List.copyOf(failing), List.copyOf(figures),
                log.incidents());
    }

    /**
     * One line for a chat message: {@code PASS; pass rate 99.5% (24h avg 99.4%), ...; incidents: none}; figures
     * without samples are left out (the report's table shows them as "-").
     */
    public String text() {
        StringBuilder out = new StringBuilder(verdict);
        if (!failing.isEmpty()) {
            out.append(" (").append(String.join(", ", failing)).append(')');
        }
        List<Value> known = figures.stream().filter(v -> v.now() != null).toList(); // no samples: nothing to say
        if (!known.isEmpty()) {
            out.append("; ");
            for (int i = 0; i < known.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(known.get(i).text());
            }
        }
        out.append("; incidents: ");
        if (incidents.isEmpty()) {
            out.append("none");
        } else {
            out.append(incidents.size()).append(" (");
            for (int i = 0; i < incidents.size(); i++) {
                Incident inc = incidents.get(i);
                out.append(i == 0 ? "" : ", ").append(inc.alert()).append(' ').append(inc.priority())
                        .append(inc.resolvedAt() == null ? " firing" : " for "
                                + io.tocsin.engine.fact.Durations.format(inc.resolvedAt() - inc.firedAt()));
            }
            out.append(')');
        }
        return out.toString();
    }

    /**
     * A value by its metric's unit suffix (Prometheus naming): {@code _ratio} and {@code _rate} as a percentage,
     * {@code _seconds} as milliseconds (under a second) or seconds, other numbers with up to four significant
     * digits; {@code -} for none.
     */
    public static String format(String metric, Double value) {
        if (value == null) {
            return "-";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        if (metric.endsWith("_ratio") || metric.endsWith("_rate")) {
            return significant(value * 100) + "%";
        }
        if (metric.endsWith("_seconds")) {
            return Math.abs(value) < 1 ? significant(value * 1000) + " ms" : significant(value) + " s";
        }
        return significant(value);
    }

    private static String significant(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    private static String percent(double fraction) {
        return new BigDecimal(fraction * 100).setScale(2, RoundingMode.FLOOR).stripTrailingZeros().toPlainString()
                + "%";
    }
}
