package io.tocsin.engine.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alertmanager's matcher semantics: alertname is the alert's name, a missing label is "", regexes are anchored. */
class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("service", "genesis", "region", "eu-west");

    @ParameterizedTest(name = "{0} {1} {2} (regex {3}, equal {4}) → {5}")
    @CsvSource(delimiter = '|', value = {
            "alertname | HighErrorRate  | HighErrorRate | false | true  | true",
            "alertname | HighErrorRate  | Other         | false | true  | false",
            "alertname | HighErrorRate  | Other         | false | false | true",
            "service   | HighErrorRate  | genesis       | false | true  | true",
            "service   | HighErrorRate  | gen           | false | true  | false",
            "region    | HighErrorRate  | eu-.*         | true  | true  | true",
            "region    | HighErrorRate  | eu            | true  | true  | false",
            "region    | HighErrorRate  | west          | true  | true  | false",
            "region    | HighErrorRate  | .*west        | true  | true  | true",
            "region    | HighErrorRate  | us-.*         | true  | false | true",
            "missing   | HighErrorRate  | ''            | false | true  | true",
            "missing   | HighErrorRate  | .*            | true  | true  | true",
            "missing   | HighErrorRate  | .+            | true  | true  | false",
            "alertname | HighErrorRate  | High.*      | true  | true  | true"})
    void matches(String name, String alert, String value, boolean regex, boolean equal, boolean expected) {
        assertEquals(expected, Matcher.of(name, value, regex, equal).matches(alert, LABELS));
    }

    /**
     * Patterns that make a backtracking engine take exponential time on a value that almost matches: RE2/J takes
     * time linear in the value whatever the pattern, so each of these returns at once on a 2,000-character value
     * (java.util.regex needs longer than the universe for {@code (a+)+b}).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"(a+)+b", "(a|a)*b", "(a|aa)+b", "(.*a){20}",
            "((a*)*)*b"})
    void catastrophicPatternsMatchInLinearTime(String regex) {
        Map<String, String> labels = Map.of("x", "a".repeat(2_000) + "!");
        Matcher matcher = Matcher.of("x", regex, true, true);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 50; i++) {
                assertFalse(matcher.matches("A", labels));
            }
        });
    }

    @Test
    void regexesAreRe2SyntaxOfBoundedLength() {
        assertThrows(IllegalArgumentException.class, () -> Matcher.of("x", "(?<=a)b", true, true),
                "lookbehind is not RE2");
        assertThrows(IllegalArgumentException.class, () -> Matcher.of("x", "(a)\\1", true, true),
                "backreferences are not RE2");
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Matcher.of("x", "a".repeat(Matcher.MAX_REGEX_LENGTH + 1), true, true));
        assertTrue(tooLong.getMessage().contains("at most " + Matcher.MAX_REGEX_LENGTH), tooLong.getMessage());
        assertTrue(Matcher.of("x", "a".repeat(Matcher.MAX_REGEX_LENGTH), true, true)
                .matches("A", Map.of("x", "a".repeat(Matcher.MAX_REGEX_LENGTH))));
        assertTrue(Matcher.of("x", "a|b", true, true).matches("A", Map.of("x", "b")),
                "an alternation is anchored as a whole, as Alertmanager does");
        assertFalse(Matcher.of("x", "a|b", true, true).matches("A", Map.of("x", "ab")));
    }
}
