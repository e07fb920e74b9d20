package io.tocsin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's {@code java_feature} (in {@code ./tocsin}): which JDK it takes for the start-up cache, read from
 * the JDK's release file without starting a JVM, and from the java itself when there is no such file.
 */
class LauncherJavaFeatureTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "JAVA_VERSION=\"25.0.3\", 25",
        "JAVA_VERSION=\"17.0.15\", 17",
        "JAVA_VERSION=\"26-ea\", 26",
        "JAVA_VERSION=\"1.8.0_392\", 1",
    })
    void readsTheReleaseFile(String line, String feature, @TempDir Path dir) throws Exception {
        // the java must not run: this one would answer 99
        Path java = jdk(dir.resolve("jdk"), "IMPLEMENTOR=\"Eclipse Adoptium\"\n" + line + "\nOS_NAME=\"Linux\"\n", 99);
        assertEquals(feature, javaFeature(java));
    }

    @Test
    void followsLinksToTheJdk(@TempDir Path dir) throws Exception {
        Path java = jdk(dir.resolve("jdk-25"), "JAVA_VERSION=\"25.0.1\"\n", 99);
        Path alternatives = Files.createDirectories(dir.resolve("etc/alternatives"));
        Files.createSymbolicLink(alternatives.resolve("java"), java);
        Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("java"), alternatives.resolve("java"));
        assertEquals("25", javaFeature(usrBin.resolve("java")));
    }

    @Test
    void asksTheJavaWithoutAReleaseFile(@TempDir Path dir) throws Exception {
        assertEquals("21", javaFeature(jdk(dir.resolve("jdk"), null, 21)));
    }

    /** A fake JDK home: bin/java prints the properties a real one prints to stderr; release if given. */
    private static Path jdk(Path home, String release, int specification) throws Exception {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = " + specification + "' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return java;
    }

    /** Runs the launcher's own function, taken from the script as it is. */
    private static String javaFeature(Path java) throws Exception {
        String script = "eval \"$(sed -n '/^java_feature()/,/^}/p' tocsin)\"; java_feature \"$1\"";
        Process p = new ProcessBuilder("bash", "-c", script, "test", java.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        return out;
    }
}
