package io.tocsin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether SIGHUP can reload: a process started under nohup ignores it, and the JVM then never handles it. */
class HangupIgnoredTest {

    @ParameterizedTest(name = "SigIgn {0}: {1}")
    @CsvSource({
        "0000000000000001, true",
        "0000000000381001, true",
        "0000000000001000, false",
        "0000000000000000, false",
        "not-hex, false",
    })
    void readsBitZeroOfTheIgnoredMask(String mask, boolean ignored, @TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t" + mask + "\nSigCgt:\t0\n");
        assertEquals(ignored, RulesReload.hangupIgnored(status));
    }

    @Test
    void noSuchFileOrLineIsNotIgnored(@TempDir Path dir) throws Exception {
        assertEquals(false, RulesReload.hangupIgnored(dir.resolve("missing")));
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\n");
        assertEquals(false, RulesReload.hangupIgnored(status));
    }

    @Test
    void aProcessUnderNohupIgnoresIt(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Process p = new ProcessBuilder("nohup", "cat", "/proc/self/status").redirectOutput(status.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor());
        assertTrue(RulesReload.hangupIgnored(status), Files.readString(status));
    }
}
