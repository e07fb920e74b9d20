package io.tocsin.engine.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
