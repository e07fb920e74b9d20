package io.tocsin.engine.fact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which series a success criterion is about, in Prometheus notation with equality matchers only:
 * {@code up{job='genesis-orchestration'}}. Single or double quotes (single ones need no escaping inside a DRL
 * metadata string). Several selectors are separated by commas outside braces.
 */
public record SeriesSelector(String metric, Map<String, String> labels) {

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*");

    public boolean matches(SeriesKey key) {
        if (!metric.equals(key.metric())) {
            return false;
        }
        for (Map.Entry<String, String> m : labels.entrySet()) {
            if (!m.getValue().equals(key.labels().get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code a, b{x='1'}}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static List<SeriesSelector> parseList(String text) {
        List<SeriesSelector> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(parse(text.substring(start, i).trim()));
                start = i + 1;
            }
        }
        return out;
    }

    public static SeriesSelector parse(String text) {
        int brace = text.indexOf('{');
        String name = brace < 0 ? text : text.substring(0, brace).trim();
        if (!METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a series selector such as up{job='api'}");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0) {
            if (!text.endsWith("}")) {
                throw new IllegalArgumentException("'" + text + "': missing '}'");
            }
            String body = text.substring(brace + 1, text.length() - 1);
            if (!body.isBlank()) {
                for (String part : body.split(",")) {
                    Matcher m = MATCHER.matcher(part);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("'" + text + "': '" + part.trim()
                                + "' is not a label matcher such as job='api'");
                    }
                    labels.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        return new SeriesSelector(name, Map.copyOf(labels));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(metric);
        if (!labels.isEmpty()) {
            out.append('{');
            new java.util.TreeMap<>(labels).forEach((k, v) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ",")
                    .append(k).append("=\"").append(v).append('"'));
            out.append('}');
        }
        return out.toString();
    }
}
