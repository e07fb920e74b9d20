package io.tocsin.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How PackScope rewrites a pack's DRL: patterns scoped to the pack, nothing else touched, lines kept. */
class PackScopeTest {

    private static final String HEAD = "package p; " + PackScope.FUNCTIONS + "\n";

    private static String rule(String conditions) {
        return "rule \"r\"\nwhen\n    " + conditions + "\nthen\n    insert(new Alert(null, null, 0, null));\nend\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "$a : Alert( state == AlertState.FIRING )   | $a : Alert( pack == \"p\", state == AlertState.FIRING )",
            "Alert()                                   | Alert( pack == \"p\" )",
            "not Alert( priority == Priority.P1 )      | not Alert( pack == \"p\", priority == Priority.P1 )",
            "exists Criterion( met )                   | exists Criterion( pack == \"p\", met )",
            "not Violation()                           | not Violation( pack == \"p\" )",
            "$r : ActionResult( alert == $a )          | $r : ActionResult( alert == $a )",
            "Series( metric == \"Alert(\" )            | Series( metric == \"Alert(\" )",
            "Clock( reached($a.getAlert(), \"1m\") )  | Clock( reached($a.getAlert(), \"1m\") )",
            "$a : Alert( ) // Alert( x )               | $a : Alert( pack == \"p\" ) // Alert( x )"})
    void scopesPatternsOnAlertsCriteriaAndViolationsOnly(String conditions, String scoped) {
        assertEquals(HEAD + rule(scoped.strip()), PackScope.scope("package p;\n" + rule(conditions.strip())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"rule \"r\" @allPacks\nwhen\n    Alert()\nthen\nend\n"})
    void aRuleMarkedAllPacksSeesEveryPack(String drl) {
        assertEquals(HEAD + drl, PackScope.scope("package p;\n" + drl));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"x", "rule \"a\"\nwhen\n Alert()\nthen\nend\nrule \"b\"\nwhen\n Criterion()\nthen\nend"})
    void keepsEveryLineWhereItWas(String body) {
        String source = "package p;\n\nimport io.tocsin.engine.fact.*;\n" + body + "\n";
        assertEquals(source.split("\n", -1).length, PackScope.scope(source).split("\n", -1).length);
    }
}
