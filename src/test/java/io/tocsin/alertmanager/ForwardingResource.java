package io.tocsin.alertmanager;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * For {@link AlertmanagerForwardingIT}: a loopback webhook receiver and, in front of it, Debian's Alertmanager
 * (routing everything to it at once, resolves included); Tocsin's {@code tocsin.alertmanagers.main.url} points at
 * that Alertmanager. Without the package nothing is started and the test skips (or fails under CI=true).
 */
public class ForwardingResource implements QuarkusTestResourceLifecycleManager {

    static volatile WebhookSink sink;
    static volatile AlertmanagerProcess alertmanager;
    private Path dir;

    @Override
    public Map<String, String> start() {
        Optional<Path> binary = DebianAlertmanager.find(DebianAlertmanager.ALERTMANAGER);
        if (binary.isEmpty()) {
            return Map.of("tocsin.alertmanagers.main.url", "http://127.0.0.1:9");
        }
        try {
            sink = new WebhookSink();
            dir = Files.createTempDirectory("tocsin-alertmanager-");
            alertmanager = AlertmanagerProcess.start(binary.get(), dir, String.join("\n",
                    "route:",
                    "  receiver: sink",
                    "  group_by: [alertname]",
                    "  group_wait: 1s",
                    "  group_interval: 1s",
                    "  repeat_interval: 1h",
                    "receivers:",
                    "  - name: sink",
                    "    webhook_configs:",
                    "      - url: " + sink.url(),
                    "        send_resolved: true",
                    ""));
            return Map.of("tocsin.alertmanagers.main.url", alertmanager.url());
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start Alertmanager for the forwarding test", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (alertmanager != null) {
                alertmanager.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sink != null) {
            sink.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // a leftover temporary folder is no failure
            }
        }
    }
}
