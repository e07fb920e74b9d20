package io.tocsin.engine.silence;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One label matcher, in Alertmanager's shape. {@code alertname} matches the alert's name; a missing label is
 * the empty string; a regex must match the whole value (Alertmanager anchors it).
 */
public record Matcher(String name, String value, boolean isRegex, boolean isEqual, Pattern pattern) {

    public static Matcher of(String name, String value, boolean isRegex, boolean isEqual) {
        return new Matcher(name, value, isRegex, isEqual, isRegex ? Pattern.compile("^(?:" + value + ")$") : null);
    }

    public boolean matches(String alertName, Map<String, String> labels) {
        String actual = "alertname".equals(name) ? alertName : labels.getOrDefault(name, "");
        boolean hit;
        try {
            hit = isRegex ? pattern.matcher(actual).matches() : value.equals(actual);
        } catch (StackOverflowError e) {
            hit = false; // a pathological regex on a long value: treat as no match rather than lose the action
        }
        return hit == isEqual;
    }
}
