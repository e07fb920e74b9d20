package io.tocsin.engine.silence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * One label matcher, in Alertmanager's shape. {@code alertname} matches the alert's name; a missing label is
 * the empty string; a regex must match the whole value (Alertmanager anchors it).
 *
 * <p>Regexes are RE2 syntax, as in Alertmanager, and run with RE2/J: matching takes time linear in the value,
 * whatever the pattern, so a pattern written to backtrack (such as {@code (a+)+$}) cannot stall the engine
 * thread, which checks silences for every notification. Patterns are at most {@link #MAX_REGEX_LENGTH}
 * characters, which also bounds the automaton RE2/J builds.
 */
public record Matcher(String name, String value, boolean isRegex, boolean isEqual, @JsonIgnore Pattern pattern) {

    /** The longest regex accepted (the API answers 400 beyond). */
    public static final int MAX_REGEX_LENGTH = 1_024;

    /** Compiles a matcher; throws {@link IllegalArgumentException} saying why for an invalid or too long regex. */
    @JsonCreator
    public static Matcher of(@JsonProperty("name") String name, @JsonProperty("value") String value,
            @JsonProperty("isRegex") boolean isRegex, @JsonProperty("isEqual") boolean isEqual) {
        return new Matcher(name, value, isRegex, isEqual, isRegex ? compile(value) : null);
    }

    static Pattern compile(String regex) {
        if (regex.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("a regular expression of " + regex.length()
                    + " characters; at most " + MAX_REGEX_LENGTH);
        }
        try {
            return Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression (RE2 syntax): " + e.getDescription());
        }
    }

    public boolean matches(String alertName, Map<String, String> labels) {
        String actual = "alertname".equals(name) ? alertName : labels.getOrDefault(name, "");
        boolean hit = isRegex ? pattern.matches(actual) : value.equals(actual);
        return hit == isEqual;
    }
}
