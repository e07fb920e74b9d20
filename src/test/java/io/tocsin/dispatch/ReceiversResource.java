package io.tocsin.dispatch;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the stand-ins every test application talks to: {@link FakeReceivers} for HTTP receivers, GreenMail
 * for SMTP, and two scripts for commands that record their argv (one succeeds, one fails); and points
 * Tocsin's configuration at them, with a fresh data directory and fast retries.
 */
public class ReceiversResource implements QuarkusTestResourceLifecycleManager {

    static FakeReceivers http;
    static GreenMail smtp;
    static Path workDir;

    @Override
    public Map<String, String> start() {
        try {
            http = new FakeReceivers();
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.start();
            workDir = Files.createTempDirectory("tocsin-test");
            Files.createDirectories(workDir.resolve("argv"));
            Path record = script("record-argv", 0);
            Path fail = script("fail-argv", 1);

            Map<String, String> config = new HashMap<>();
            for (String channel : new String[] {"genesis-alerts", "genesis-monitoring", "genesis-logs",
                    "incident-commander"}) {
                config.put("tocsin.slack.channels." + channel, http.url("/slack/" + channel));
            }
            config.put("tocsin.pagerduty.url", http.url("/pagerduty/enqueue"));
            config.put("tocsin.pagerduty.routing-key", "test-routing-key");
            config.put("tocsin.pagerduty.routing-keys.incident-commander", "ic-routing-key");
            config.put("tocsin.email.host", "127.0.0.1");
            config.put("tocsin.email.port", Integer.toString(smtp.getSmtp().getPort()));
            config.put("tocsin.email.starttls", "disabled");
            config.put("tocsin.email.from", "tocsin@example.test");
            config.put("tocsin.email.recipients.genesis-team", "team@example.test");
            config.put("tocsin.escalation.cto.receivers", "pagerduty,webhook"); // as many receivers as the default
            config.put("tocsin.webhooks.cto.url", http.url("/webhook/cto"));
            config.put("tocsin.dispatch.initial-backoff", "50ms");
            config.put("tocsin.dispatch.max-backoff", "200ms");
            config.put("tocsin.dispatch.max-age", "5s");
            config.put("tocsin.dispatch.timeout", "5s");
            config.put("tocsin.data-dir", workDir.resolve("data").toString());
            command(config, "restart-genesis", fail + ",restart,{{ $labels.instance }}", false);
            command(config, "rollback", record + ",rollback,{{ $deployment }}", false);
            command(config, "disable-llm", record + ",disable-llm,{{ $labels.service }}", false);
            command(config, "enable-circuit-breaker", record + ",circuit-breaker,on", false);
            command(config, "enable-cache", record + ",enable-cache", true);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void command(Map<String, String> config, String name, String argv, boolean dryRun) {
        config.put("tocsin.commands." + name + ".argv", argv);
        config.put("tocsin.commands." + name + ".dry-run", Boolean.toString(dryRun));
        config.put("tocsin.commands." + name + ".timeout", "10s");
    }

    /** A script that writes its arguments, NUL-separated, to argv/<action id> and exits with {@code code}. */
    private static Path script(String name, int code) throws IOException {
        Path script = workDir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '"
                + workDir.resolve("argv") + "'/\"$TOCSIN_ACTION_ID\"\necho \"ran $1\"\nexit " + code + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The argv a command run recorded, or null if it never ran. */
    static String[] argvOf(String actionId) throws IOException {
        Path file = workDir.resolve("argv").resolve(actionId);
        return Files.exists(file) ? Files.readString(file).split("\0") : null;
    }

    @Override
    public void stop() {
        if (http != null) {
            http.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
