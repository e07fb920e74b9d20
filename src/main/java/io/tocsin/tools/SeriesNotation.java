package io.tocsin.tools;

import io.tocsin.engine.fact.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promtool's notation for test input: a series selector {@code metric{label="value"}} and a value string such as
 * {@code "0x3 0.02x40 _ 1+1x5"}, where {@code a+bxn} is n+1 values from a in steps of b, {@code axn} is a
 * repeated n+1 times, {@code _} is a missing sample and {@code _xn} n missing samples.
 */
public final class SeriesNotation {

    private static final Pattern SELECTOR = Pattern.compile("\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{(.*)})?\\s*");
    private static final Pattern LABEL = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");
    private static final String NUMBER = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final Pattern EXPANSION = Pattern.compile("(" + NUMBER + ")(?:([-+])(" + NUMBER.substring(5)
            + "))?x(\\d+)");
    private static final Pattern MISSING_RUN = Pattern.compile("_x(\\d+)");

    private SeriesNotation() {
    }

    /** Parses {@code metric{a="1",b="2"}}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SeriesKey selector(String text) {
        Matcher m = SELECTOR.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a series such as metric{label=\"value\"}");
        }
        Map<String, String> labels = new TreeMap<>();
        String body = m.group(2);
        if (body != null && !body.isBlank()) {
            Matcher l = LABEL.matcher(body);
            int at = 0;
            while (at < body.length()) {
                if (!l.find(at) || l.start() != at) {
                    throw new IllegalArgumentException("cannot read the labels of '" + text
                            + "' (expected name=\"value\" pairs separated by commas)");
                }
                String value = l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
                if (labels.put(l.group(1), value) != null) {
                    throw new IllegalArgumentException("label " + l.group(1) + " appears twice in '" + text + "'");
                }
                at = l.end();
            }
        }
        labels.values().removeIf(String::isEmpty);
        return new SeriesKey(m.group(1), labels);
    }

    /** Expands a value string; {@code null} entries are missing samples. */
    public static List<Double> values(String text) {
        List<Double> out = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.equals("_")) {
                out.add(null);
                continue;
            }
            Matcher missing = MISSING_RUN.matcher(token);
            if (missing.matches()) {
                for (int i = 0; i < Integer.parseInt(missing.group(1)); i++) {
                    out.add(null);
                }
                continue;
            }
            Matcher e = EXPANSION.matcher(token);
            if (e.matches()) {
                double start = Double.parseDouble(e.group(1));
                double step = e.group(3) == null ? 0 : Double.parseDouble(e.group(3)) * ("-".equals(e.group(2)) ? -1 : 1);
                int times = Integer.parseInt(e.group(4));
                for (int i = 0; i <= times; i++) {
                    out.add(start + i * step);
                }
                continue;
            }
            try {
                double value = Double.parseDouble(token);
                if (!Double.isFinite(value) || !token.matches(NUMBER)) {
                    throw new NumberFormatException();
                }
                out.add(value);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + token + "' is not a value (expected a number, a+bxn, axn, _ or _xn)");
            }
        }
        return out;
    }
}
