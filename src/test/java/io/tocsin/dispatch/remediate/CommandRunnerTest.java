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
}
