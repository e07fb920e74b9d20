package io.tocsin.engine.fact;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of a deployment watch's summaries (milestone checkpoints, the verdict, the report): a label and the
 * series it is read from, declared on the cadence rule:
 * {@code @figures("pass rate = genesis_test_pass_rate, error rate = genesis_error_ratio")}. The watch keeps the
 * per-minute history of these series (as it does for the success criteria's) and reports each figure's value
 * now and its average over the last 24 hours. Values are shown by the metric's unit suffix: {@code _ratio} and
 * {@code _rate} as percentages, {@code _seconds} as milliseconds or seconds.
 */
public record Figure(String label, SeriesSelector series) {

    /** Parses {@code label = selector, ...} (commas inside braces belong to the selector). */
    public static List<Figure> parseList(String text) {
        List<Figure> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = text.substring(start, i).trim();
                int eq = part.indexOf('=');
                if (eq <= 0 || part.indexOf('{') >= 0 && part.indexOf('{') < eq) {
                    throw new IllegalArgumentException("@figures: '" + part
                            + "' is not 'label = series' such as 'error rate = genesis_error_ratio'");
                }
                out.add(new Figure(part.substring(0, eq).trim(), SeriesSelector.parse(part.substring(eq + 1).trim())));
                start = i + 1;
            }
        }
        return out;
    }
}
