package io.tocsin.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compile errors name the file and the line an SRE must look at, which Drools does not always do by itself. */
class RuleCompilerErrorsTest {

    private static final String HEADER = "package demo;\n\nimport io.tocsin.engine.fact.*;\n\n";

    private static List<String> problems(String drl) {
        return assertThrows(RuleCompiler.CompileException.class,
                () -> RuleCompiler.compile(Map.of("demo/broken.drl", HEADER + drl))).problems();
    }

    @Test
    void aBadConditionIsReportedOnItsOwnLineNotTheRulesFirst() {
        List<String> problems = problems("""
                rule "Broken"
                    @alert("Broken") @priority("P2")
                when
                    $s : Series( metric == "m", value >>> 1 )
                then
                    insertLogical(Rules.breach($s));
                end
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("demo/broken.drl:8", problems.get(0).substring(0, problems.get(0).indexOf(": ")), problems.get(0));
    }

    @Test
    void aSyntaxErrorKeepsTheLineTheParserGives() {
        List<String> problems = problems("""
                rule "Broken"
                when
                    $s : Series( metric == "m" value > 1 )
                then
                end
                """);
        assertEquals("demo/broken.drl:7", problems.get(0).substring(0, problems.get(0).indexOf(": ")), problems.get(0));
    }

    @Test
    void withoutAQuotedSnippetTheLineIsKept() {
        assertEquals(5, RuleCompiler.precise("a\nb\nc\nd\ne\nf\n", 5, "no quote here"));
        assertEquals(6, RuleCompiler.precise("a\nb\nc\nd\nrule\nx 'abc' y\nend\nabc\n", 5, "bad 'abc' thing"));
        assertEquals(5, RuleCompiler.precise("a\nb\nc\nd\nrule\nend\nabc\n", 5, "bad 'abc' thing"),
                "not past the rule's end");
    }
}
