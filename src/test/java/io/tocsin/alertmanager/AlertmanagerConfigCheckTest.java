package io.tocsin.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The forwarding example in {@code deploy/alertmanager/} is sound: Alertmanager's own check accepts its
 * configuration ({@code amtool check-config}), and the Tocsin lines beside it are keys the README documents.
 */
class AlertmanagerConfigCheckTest {

    private static final Path DEPLOY = Path.of("deploy", "alertmanager").toAbsolutePath();

    @Test
    void alertmanagerConfigurationIsValid() throws Exception {
        Path amtool = DebianAlertmanager.require(DebianAlertmanager.AMTOOL);
        Process process = new ProcessBuilder(amtool.toString(), "check-config",
                DEPLOY.resolve("alertmanager.yml").toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "amtool did not finish");
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("SUCCESS") && out.contains("2 receivers") && out.contains("1 inhibit rules"), out);
    }

    @Test
    void tocsinLinesAreDocumentedKeys() throws Exception {
        Properties lines = new Properties();
        try (var in = Files.newInputStream(DEPLOY.resolve("tocsin.properties"))) {
            lines.load(in);
        }
        String readme = Files.readString(Path.of("README.md"));
        assertEquals(List.of("tocsin.alertmanagers.main.url", "tocsin.external-url"),
                lines.stringPropertyNames().stream().sorted().toList());
        assertTrue(readme.contains("`tocsin.alertmanagers.<name>.url`"), "README documents the URL key");
        assertTrue(readme.contains("`tocsin.external-url`"), "README documents the external URL");
    }
}
