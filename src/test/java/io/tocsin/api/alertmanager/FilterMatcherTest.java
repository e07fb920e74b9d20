package io.tocsin.api.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Alertmanager 0.25's matcher syntax ({@code pkg/labels/parse.go}) and its v2 filter semantics. */
class FilterMatcherTest {

    private static final Map<String, String> LABELS = Map.of("alertname", "HighErrorRate", "service", "genesis",
            "region", "eu-west", "quote", "say \"hi\"");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "service=genesis              | true",
            "service = \"genesis\"        | true",
            "  service=genesis            | true",
            "service=gen                  | false",
            "service!=gen                 | true",
            "region=~\"eu-.*\"            | true",
            "region=~eu                   | false",
            "region!~us-.*                | true",
            "missing=\"\"                 | true",
            "service=\"\"                 | false",
            "missing!=\"\"                | false",
            "service!=\"\"                | true",
            "missing=~\".*\"              | true",
            "missing=~\".+\"              | false",
            "quote=\"say \\\"hi\\\"\"     | true",
            "alertname=~High.*            | true"})
    void matches(String text, boolean expected) {
        assertEquals(expected, FilterMatcher.parse(text).matches(LABELS), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"service", "=genesis", "1service=x", "service=\"genesis", "service=gen\"esis",
            "region=~\"(\""})
    void refusesWhatAlertmanagerRefuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> FilterMatcher.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "a=b           | b",
            "a=\"b c\"     | b c",
            "a=\"b\\nc\"   | 'b\nc'",
            "a=b\\c        | b\\c",
            "a=\"\\\\\"    | \\"})
    void unescapesValuesAsOpenMetrics(String text, String value) {
        assertEquals(value, FilterMatcher.parse(text).value());
    }
}
