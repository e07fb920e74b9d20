package io.tocsin.report;

import java.util.Locale;

/** The watch's timeline as one SVG strip: a lane per kind of event, a mark per event, hover for the text. */
final class TimelineStrip {

    private static final String[][] LANES = {
        {"alerts", "#ff7f0e", "alert-firing", "alert-resolved"},
        {"escalations", "#9467bd", "escalation"},
        {"rollbacks", "#d62728", "rollback", "rolled-back", "evidence"},
        {"promotions", "#2ca02c", "promotion", "succeeded"},
        {"watch", "#1f77b4", "extended", "step-held", "closed", "remediation"},
    };
    private static final int LEFT = 90;
    private static final int WIDTH = SvgChart.WIDTH;
    private static final int LANE = 22;

    private TimelineStrip() {
    }

    static String render(WatchReport r) {
        long from = r.startedAtMillis();
        long to = Math.max(r.untilMillis(), from + 60_000);
        int height = LANES.length * LANE + 24;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\"><title>Timeline</title>");
        for (int lane = 0; lane < LANES.length; lane++) {
            int y = 8 + lane * LANE;
            svg.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-size=\"12\" fill=\"#555\">")
                    .append(LANES[lane][0]).append("</text><line x1=\"").append(LEFT).append("\" x2=\"")
                    .append(WIDTH - 16).append("\" y1=\"").append(y + 9).append("\" y2=\"").append(y + 9)
                    .append("\" stroke=\"#eee\"/>");
        }
        for (WatchReport.Event e : r.timeline()) {
            int lane = laneOf(e.kind());
            if (lane < 0) {
                continue;
            }
            double x = LEFT + (double) (Math.min(Math.max(e.atMillis(), from), to) - from) / (to - from)
                    * (WIDTH - 16 - LEFT);
            int y = 8 + lane * LANE;
            boolean hollow = e.kind().equals("alert-resolved");
            svg.append("<circle class=\"event\" data-kind=\"").append(e.kind()).append("\" cx=\"")
                    .append(String.format(Locale.ROOT, "%.1f", x)).append("\" cy=\"").append(y + 9)
                    .append("\" r=\"5\" fill=\"").append(hollow ? "#fff" : LANES[lane][1]).append("\" stroke=\"")
                    .append(LANES[lane][1]).append("\"><title>").append(Text.html(e.offset())).append(' ')
                    .append(Text.html(e.text())).append("</title></circle>");
        }
        int y = LANES.length * LANE + 18;
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(y).append("\" font-size=\"11\" fill=\"#555\">")
                .append("T+0</text><text x=\"").append(WIDTH - 16).append("\" y=\"").append(y)
                .append("\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">")
                .append(Text.html(WatchReport.offset(from, to))).append("</text>");
        return svg.append("</svg>").toString();
    }

    private static int laneOf(String kind) {
        for (int lane = 0; lane < LANES.length; lane++) {
            for (int i = 2; i < LANES[lane].length; i++) {
                if (LANES[lane][i].equals(kind)) {
                    return lane;
                }
            }
        }
        return -1;
    }
}
