package io.tocsin.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One success criterion's chart as inline SVG: each judged series over the watch (its per-minute range as a
 * band, its last values as a line), the threshold as a dashed line, violation ranges shaded, and rollbacks,
 * promotions and extensions marked. Self-contained: no script, no font, no request. Elements carry classes
 * and {@code data-} attributes ({@code threshold}, {@code violation}, {@code series}) so tests and tools can
 * find them.
 */
final class SvgChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 260;
    private static final int LEFT = 72;
    private static final int RIGHT = 28; // room for the last tick label (T+48h)
    private static final int TOP = 14;
    private static final int BOTTOM = 34;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf"};
    /** Minutes further apart than this are a gap in the data, not a straight line. */
    private static final long GAP_MILLIS = 5 * 60_000L;

    private final long from;
    private final long to;
    private final double low;
    private final double high;

    private SvgChart(long from, long to, double low, double high) {
        this.from = from;
        this.to = to;
        this.low = low;
        this.high = high;
    }

    static String render(WatchReport report, WatchReport.Criterion criterion) {
        long from = report.startedAtMillis();
        long to = Math.max(report.untilMillis(), from + 60_000);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (WatchReport.SeriesChart s : criterion.series()) {
            for (WatchReport.Point p : s.points()) {
                low = Math.min(low, p.min());
                high = Math.max(high, p.max());
            }
            if (s.threshold() != null) {
                low = Math.min(low, s.threshold());
                high = Math.max(high, s.threshold());
            }
        }
        if (low == Double.POSITIVE_INFINITY) {
            low = 0;
            high = 1;
        }
        if (high - low < 1e-12) {
            double pad = Math.abs(high) < 1e-12 ? 1 : Math.abs(high) * 0.1;
            low -= pad;
            high += pad;
        } else {
            double pad = (high - low) * 0.08;
            low = low >= 0 && low - pad < 0 ? 0 : low - pad;
            high += pad;
        }
        return new SvgChart(from, to, low, high).draw(report, criterion);
    }

    private String draw(WatchReport report, WatchReport.Criterion criterion) {
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" data-criterion=\"").append(Text.html(criterion.name())).append("\">");
        svg.append("<title>").append(Text.html(criterion.name())).append(" over the watch</title>");
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(plotWidth()).append("\" height=\"").append(plotHeight())
                .append("\" fill=\"#fff\" stroke=\"#ccc\"/>");
        for (WatchReport.Range r : criterion.violations()) {
            long end = r.toMillis() == null ? to : r.toMillis();
            double x1 = x(Math.max(r.fromMillis(), from));
            double x2 = x(Math.min(end, to));
            svg.append("<rect class=\"violation\" data-from=\"").append(r.from()).append("\" data-to=\"")
                    .append(r.to() == null ? "" : r.to()).append("\" x=\"").append(f(x1)).append("\" y=\"")
                    .append(TOP).append("\" width=\"").append(f(Math.max(1, x2 - x1))).append("\" height=\"")
                    .append(plotHeight()).append("\" fill=\"#d62728\" fill-opacity=\"0.18\"><title>violated ")
                    .append(Text.html(r.from())).append(" to ").append(r.to() == null ? "now" : Text.html(r.to()))
                    .append("</title></rect>");
        }
        axes(svg);
        markers(svg, report);
        int colour = 0;
        List<Double> thresholds = new ArrayList<>();
        for (WatchReport.SeriesChart s : criterion.series()) {
            String c = COLOURS[colour++ % COLOURS.length];
            series(svg, s, c);
            if (s.threshold() != null && thresholds.stream().noneMatch(t -> Math.abs(t - s.threshold()) < 1e-12)) {
                thresholds.add(s.threshold());
                double y = y(s.threshold());
                svg.append("<line class=\"threshold\" data-value=\"").append(s.threshold()).append("\" x1=\"")
                        .append(LEFT).append("\" x2=\"").append(LEFT + plotWidth()).append("\" y1=\"").append(f(y))
                        .append("\" y2=\"").append(f(y)).append("\" stroke=\"#d62728\" stroke-width=\"1.5\"")
                        .append(" stroke-dasharray=\"6 4\"><title>threshold ").append(Text.number(s.threshold()))
                        .append("</title></line>");
                svg.append("<text class=\"threshold-label\" x=\"").append(LEFT + plotWidth() - 4).append("\" y=\"")
                        .append(f(y - 4)).append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#d62728\">")
                        .append("threshold ").append(Text.html(Text.number(s.threshold()))).append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The per-minute band and last-value line, reduced to one column per pixel. */
    private void series(StringBuilder svg, WatchReport.SeriesChart s, String colour) {
        List<double[]> columns = columns(s.points()); // {x, min, max, last, gapBefore}
        svg.append("<g class=\"series\" data-series=\"").append(Text.html(s.series())).append("\"><title>")
                .append(Text.html(s.series())).append("</title>");
        if (!columns.isEmpty()) {
            StringBuilder band = new StringBuilder();
            StringBuilder line = new StringBuilder();
            int start = 0;
            for (int i = 0; i <= columns.size(); i++) {
                if (i == columns.size() || i > start && columns.get(i)[4] == 1) {
                    appendBand(band, columns.subList(start, i));
                    start = i;
                }
                if (i < columns.size()) {
                    double[] c = columns.get(i);
                    line.append(i == 0 || c[4] == 1 ? "M" : "L").append(f(c[0])).append(' ').append(f(y(c[3])));
                }
            }
            svg.append("<path class=\"band\" d=\"").append(band).append("\" fill=\"").append(colour)
                    .append("\" fill-opacity=\"0.15\" stroke=\"none\"/>");
            svg.append("<path class=\"line\" d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.5\"/>");
        }
        svg.append("</g>");
    }

    private void appendBand(StringBuilder band, List<double[]> run) {
        if (run.isEmpty()) {
            return;
        }
        for (int i = 0; i < run.size(); i++) {
            double[] c = run.get(i);
            band.append(i == 0 ? "M" : "L").append(f(c[0])).append(' ').append(f(y(c[2])));
        }
        for (int i = run.size() - 1; i >= 0; i--) {
            double[] c = run.get(i);
            band.append('L').append(f(c[0])).append(' ').append(f(y(c[1])));
        }
        band.append('Z');
    }

    private List<double[]> columns(List<WatchReport.Point> points) {
        List<double[]> out = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (WatchReport.Point p : points) {
            if (p.t() < from || p.t() > to) {
                continue;
            }
            double x = Math.round(x(p.t()));
            boolean gap = previous != Long.MIN_VALUE && p.t() - previous > GAP_MILLIS;
            double[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[0] == x && !gap) {
                last[1] = Math.min(last[1], p.min());
                last[2] = Math.max(last[2], p.max());
                last[3] = p.last();
            } else {
                out.add(new double[] {x, p.min(), p.max(), p.last(), gap ? 1 : 0});
            }
            previous = p.t();
        }
        return out;
    }

    private void axes(StringBuilder svg) {
        // round values (1, 2 or 5 times a power of ten) rather than whatever quarters of the range happen to be
        double rough = (high - low) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double norm = rough / magnitude;
        double valueStep = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
        for (long i = (long) Math.ceil(low / valueStep); i * valueStep <= high + valueStep * 1e-9; i++) {
            double v = i * valueStep; // from an integer count, so no rounding error accumulates
            double y = y(v);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth())
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y))
                    .append("\" stroke=\"#eee\"/><text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">")
                    .append(Text.html(Text.number(v))).append("</text>");
        }
        long span = to - from;
        long hour = 3_600_000L;
        long step = span <= 6 * hour ? hour : span <= 24 * hour ? 3 * hour : span <= 72 * hour ? 6 * hour : 12 * hour;
        for (long t = from; t <= to; t += step) {
            double x = x(t);
            svg.append("<line class=\"tick\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(TOP + plotHeight()).append("\" y2=\"").append(TOP + plotHeight() + 4)
                    .append("\" stroke=\"#555\"/><text x=\"").append(f(x)).append("\" y=\"")
                    .append(TOP + plotHeight() + 17).append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">")
                    .append(WatchReport.offset(from, t)).append("</text>");
        }
    }

    private void markers(StringBuilder svg, WatchReport report) {
        for (WatchReport.Event e : report.timeline()) {
            String colour = switch (e.kind()) {
                case "rollback", "rolled-back" -> "#d62728";
                case "promotion", "succeeded" -> "#2ca02c";
                case "extended" -> "#ff7f0e";
                default -> null;
            };
            if (colour == null || e.atMillis() < from || e.atMillis() > to) {
                continue;
            }
            double x = x(e.atMillis());
            svg.append("<line class=\"marker\" data-kind=\"").append(e.kind()).append("\" x1=\"").append(f(x))
                    .append("\" x2=\"").append(f(x)).append("\" y1=\"").append(TOP).append("\" y2=\"")
                    .append(TOP + plotHeight()).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1\" stroke-dasharray=\"2 3\"><title>").append(Text.html(e.offset()))
                    .append(' ').append(Text.html(e.text())).append("</title></line>");
        }
    }

    private int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private double x(long t) {
        return LEFT + (double) (t - from) / (to - from) * plotWidth();
    }

    private double y(double v) {
        return TOP + (1 - (v - low) / (high - low)) * plotHeight();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
