package io.tocsin.durability;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.dispatch.FakeReceivers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An hour and twenty minutes of a Genesis deployment on the event clock, as HTTP requests to the packaged
 * application with the shipped rule packs: a deployment registered, an error burst that fires HighErrorRate
 * (acknowledged) and meets a rollback criterion (the rollback command runs), an outage of the orchestration
 * service with three failing restarts and the escalation that follows, and a latency alert fired under a silence
 * that is deleted while the alert still fires (its held notifications go out then). Receivers are loopback HTTP
 * servers; commands are scripts that record each run by action id.
 */
final class Scenario {

    static final long BASE = Instant.parse("2025-10-18T15:00:00Z").toEpochMilli();
    static final long LENGTH_SECONDS = 4800;
    static final String SILENCE_KEY = "crash-test-silence-1";

    /** One request, made when it is due (it may look something up first). */
    record Request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest on(TocsinProcess tocsin) {
            return tocsin.request(method, path, body, headers);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Scenario() {
    }

    /** The requests in order. */
    static List<Function<TocsinProcess, Request>> steps() {
        List<Function<TocsinProcess, Request>> steps = new ArrayList<>();
        for (long s = 0; s <= LENGTH_SECONDS; s += 15) {
            long at = BASE + s * 1000;
            double errors = s >= 600 && s < 2400 ? 0.02 : 0.0002;
            double up = s >= 3000 && s < 3200 ? 0 : 1;
            double latency = s >= 4000 && s < 4600 ? 0.3 : 0.1;
            String batch = "[" + sample("genesis_error_ratio", "{\"service\":\"genesis\"}", errors, at) + ","
                    + sample("up", "{\"job\":\"genesis-orchestration\",\"instance\":\"g1\"}", up, at) + ","
                    + sample("genesis_operation_p95_seconds", "{\"service\":\"genesis\"}", latency, at) + ","
                    + sample("genesis_test_pass_rate", "{\"service\":\"genesis\"}", 0.995, at) + "]";
            steps.add(t -> new Request("POST", "/api/v1/samples", batch, Map.of()));
            if (s == 300) {
                steps.add(t -> new Request("POST", "/api/v1/deployments", "{\"id\":\"d1\",\"version\":\"1.0.0\"}",
                        Map.of()));
            } else if (s == 1200) {
                steps.add(t -> new Request("POST", "/api/v1/alerts/" + firing(t, "HighErrorRate") + "/ack",
                        "{\"comment\":\"on it\"}", Map.of()));
            } else if (s == 3900) {
                steps.add(t -> new Request("POST", "/api/v1/silences", "{\"matchers\":[{\"name\":\"alertname\","
                        + "\"value\":\"HighLatencyP95\",\"isRegex\":false}],\"endsAt\":\""
                        + Instant.ofEpochMilli(at + 1_800_000) + "\",\"comment\":\"known slow\"}",
                        Map.of("Idempotency-Key", SILENCE_KEY)));
            } else if (s == 4400) {
                steps.add(t -> new Request("DELETE", "/api/v1/silences/" + t.get("/api/v1/silences").get(0).get("id")
                        .asText(), null, Map.of()));
            }
        }
        return steps;
    }

    private static String sample(String metric, String labels, double value, long at) {
        return "{\"metric\":\"" + metric + "\",\"labels\":" + labels + ",\"value\":" + value + ",\"timestamp\":\""
                + Instant.ofEpochMilli(at) + "\"}";
    }

    private static String firing(TocsinProcess t, String name) {
        for (JsonNode alert : t.get("/api/v1/alerts?state=firing")) {
            if (alert.get("name").asText().equals(name)) {
                return alert.get("id").asText();
            }
        }
        throw new AssertionError(name + " is not firing: " + t.get("/api/v1/alerts"));
    }

    /**
     * The configuration: event clock, receivers on {@code http}, the restart and rollback commands as scripts in
     * {@code dir} that append {@code <action id> <arguments>} to {@code dir/runs} (restarts fail), a short
     * backoff, resolved alerts kept for the whole scenario.
     */
    static Map<String, String> config(FakeReceivers http, Path dir) {
        Map<String, String> config = new HashMap<>();
        config.put("tocsin.clock", "event");
        config.put("tocsin.resolved-retention", "3h");
        for (String channel : List.of("genesis-alerts", "genesis-monitoring", "genesis-logs", "incident-commander",
                "engineering-lead", "cto")) {
            config.put("tocsin.slack.channels." + channel, http.url("/slack/" + channel));
        }
        config.put("tocsin.pagerduty.url", http.url("/pagerduty"));
        config.put("tocsin.pagerduty.routing-key", "crash-test-key");
        config.put("tocsin.dispatch.initial-backoff", "100ms");
        config.put("tocsin.dispatch.max-backoff", "1s");
        config.put("tocsin.commands.restart-genesis.argv", script(dir, "restart", 1) + ",restart,{{ $labels.instance }}");
        config.put("tocsin.commands.restart-genesis.dry-run", "false");
        config.put("tocsin.commands.rollback.argv", script(dir, "rollback", 0) + ",rollback,{{ $deployment }}");
        config.put("tocsin.commands.rollback.dry-run", "false");
        return config;
    }

    private static Path script(Path dir, String name, int exit) {
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve(name + ".sh");
            Files.writeString(script, "#!/bin/sh\necho \"$TOCSIN_ACTION_ID $*\" >> '" + dir.resolve("runs")
                    + "'\nexit " + exit + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Command runs recorded in {@code dir/runs}: action id → how many times it ran. */
    static Map<String, Integer> runs(Path dir) {
        Map<String, Integer> runs = new TreeMap<>();
        try {
            Path file = dir.resolve("runs");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    runs.merge(line.split(" ", 2)[0], 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }
}
