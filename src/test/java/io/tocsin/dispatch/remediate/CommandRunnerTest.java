package io.tocsin.dispatch.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.Actions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Commands run as a real process with a clean environment and placeholders that cannot become options. */
class CommandRunnerTest {

    private static TocsinConfig.Command command(String... argv) {
        return new TocsinConfig.Command() {
            public List<String> argv() {
                return List.of(argv);
            }

            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            public Optional<String> workingDir() {
                return Optional.empty();
            }

            public boolean dryRun() {
                return false;
            }
        };
    }

    @Test
    void theEnvironmentHoldsOnlyBasicsAndTocsinVariables() throws Exception {
        var record = Actions.remediation(Map.of("service", "genesis", "region", "eu"));
        var outcome = CommandRunner.run(command("/usr/bin/env"), record);
        assertEquals(0, outcome.exitCode());
        Set<String> allowed = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");
        List<String> names = Arrays.stream(outcome.outputTail().split("\n")).filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        assertTrue(names.stream().allMatch(n -> allowed.contains(n) || n.startsWith("TOCSIN_")), names.toString());
        assertTrue(outcome.outputTail().contains("TOCSIN_LABEL_REGION=eu"), outcome.outputTail());
        assertTrue(outcome.outputTail().contains("TOCSIN_ACTION_TYPE=remediate"), outcome.outputTail());
    }

    @Test
    void aLabelValueThatLooksLikeAnOptionIsRefused() {
        var record = Actions.remediation(Map.of("service", "--all"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandRunner.argv(List.of("/bin/echo", "{{ $labels.service }}"), record));
        assertTrue(e.getMessage().contains("starts with '-'"), e.getMessage());
        assertEquals(List.of("/bin/echo", "x-{{ $labels.service }}"),
                CommandRunner.argv(List.of("/bin/echo", "x-{{ $labels.service }}"), record),
                "text around a placeholder is never interpolated");
    }

    @Test
    void stdinIsEmptyAndOnlyTheTailOfTheOutputIsKept() throws Exception {
        var record = Actions.remediation(Map.of("service", "genesis"));
        var quiet = CommandRunner.run(command("/bin/cat"), record);
        assertEquals(0, quiet.exitCode(), "cat reads /dev/null and ends at once instead of waiting for input");
        assertEquals("", quiet.outputTail());
        // 50 MB of output: read as it comes, only the end is kept
        var chatty = CommandRunner.run(command("/bin/sh", "-c", "head -c 50000000 /dev/zero | tr '\\0' 'x'; echo END"),
                record);
        assertEquals(0, chatty.exitCode());
        assertEquals(CommandRunner.OUTPUT_TAIL, chatty.outputTail().length());
        assertTrue(chatty.outputTail().endsWith("xxxxEND\n"), chatty.outputTail().substring(1990));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "label value ''{0}'' -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = "=>", nullValues = "NULL", value = {
            "genesis => genesis",
            "eu-west-1.internal:8080 => eu-west-1.internal:8080",
            "user@host/path=a+b => user@host/path=a+b",
            "'' => NULL",
            "'a b' => NULL",
            "'a;rm -rf /' => NULL",
            "'$(id)' => NULL",
            "'x\ny' => NULL",
            "-rf => NULL"})
    void placeholdersFromLabelsMustLookLikeValues(String value, String expected) {
        var record = Actions.remediation(Map.of("service", value.replace("\\n", "\n")));
        if (expected == null) {
            assertThrows(IllegalArgumentException.class,
                    () -> CommandRunner.argv(List.of("/bin/echo", "{{ $labels.service }}"), record));
        } else {
            assertEquals(List.of("/bin/echo", expected),
                    CommandRunner.argv(List.of("/bin/echo", "{{ $labels.service }}"), record));
        }
        assertThrows(IllegalArgumentException.class,
                () -> CommandRunner.argv(List.of("/bin/echo", "{{ $labels.missing }}"), record),
                "a label the alert does not have is no value either");
        assertEquals(List.of("/bin/echo", "x".repeat(256)), CommandRunner.argv(List.of("/bin/echo",
                "{{ $labels.service }}"), Actions.remediation(Map.of("service", "x".repeat(256)))));
        assertThrows(IllegalArgumentException.class, () -> CommandRunner.argv(List.of("/bin/echo",
                "{{ $labels.service }}"), Actions.remediation(Map.of("service", "x".repeat(257)))));
    }
}
