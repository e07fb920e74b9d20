package io.tocsin.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code amtool} pointed at Tocsin with one token: an HTTP client configuration file (Prometheus'
 * {@code http_config}, {@code authorization.credentials_file}) as the README tells users to write, and a home
 * folder of its own, so a user's {@code ~/.config/amtool/config.yml} cannot change what the test runs.
 */
final class Amtool {

    /** What one run printed and how it ended. */
    record Run(int exitCode, String out, String err) {
        Run ok() {
            if (exitCode != 0) {
                throw new AssertionError("amtool exited with " + exitCode + ":\n" + out + err);
            }
            return this;
        }
    }

    private final Path binary;
    private final URI tocsin;
    private final Path home;
    private final Path httpConfig;

    Amtool(Path binary, URI tocsin, Path dir, String name, String token) throws IOException {
        this.binary = binary;
        this.tocsin = tocsin;
        this.home = Files.createDirectories(dir.resolve("home-" + name));
        Path tokenFile = dir.resolve(name + ".token");
        Files.writeString(tokenFile, token + "\n");
        this.httpConfig = dir.resolve(name + "-http.yml");
        Files.writeString(httpConfig, "authorization:\n  credentials_file: " + tokenFile + "\n");
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--alertmanager.url=" + tocsin,
                "--http.config.file=" + httpConfig));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("amtool " + args[0] + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
