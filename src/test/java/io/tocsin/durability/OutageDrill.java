package io.tocsin.durability;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.dispatch.FakeReceivers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A receiver outage as on-call lives it: every receiver is down (its port refuses connections) for ten minutes of
 * real time while alerts fire, resolve and escalate, and Tocsin is killed with SIGKILL half-way through; then the
 * receivers come back. Everything decided meanwhile must then be delivered, in order per alert and route, once per
 * idempotency key, and nothing may have expired or failed.
 *
 * <p>It needs ten minutes but almost no CPU, so {@link OutageDrillListener} starts it in the background when the
 * integration tests begin and {@link OutageIT} waits for its verdict at its turn.
 */
final class OutageDrill {

    static final Duration OUTAGE = Duration.ofMinutes(10);
    private static CompletableFuture<List<String>> running;

    private OutageDrill() {
    }

    /** Starts the drill unless it runs already; completes with the problems found (none: it passed). */
    static synchronized CompletableFuture<List<String>> start() {
        if (running == null) {
            running = CompletableFuture.supplyAsync(OutageDrill::run, command -> {
                Thread t = new Thread(command, "outage-drill");
                t.setDaemon(true);
                t.start();
            });
        }
        return running;
    }

    private static List<String> run() {
        try {
            Path dir = Files.createTempDirectory("tocsin-outage");
            int port = freePort();
            Map<String, String> config = new HashMap<>();
            config.put("tocsin.clock", "event");
            config.put("tocsin.resolved-retention", "3h");
            for (String channel : List.of("genesis-alerts", "genesis-monitoring", "incident-commander")) {
                config.put("tocsin.slack.channels." + channel, "http://127.0.0.1:" + port + "/slack/" + channel);
            }
            config.put("tocsin.pagerduty.url", "http://127.0.0.1:" + port + "/pagerduty");
            config.put("tocsin.pagerduty.routing-key", "outage-key");
            config.put("tocsin.dispatch.initial-backoff", "200ms");
            config.put("tocsin.dispatch.max-backoff", "5s");
            config.put("tocsin.dispatch.timeout", "2s");
            long started = System.nanoTime();
            try (TocsinProcess tocsin = TocsinProcess.start("outage", dir, config)) {
                decideWhileDown(tocsin);
                sleepUntil(started, OUTAGE.dividedBy(2));
                tocsin.kill(); // the outbox is on disk: the retries go on after the restart
                tocsin.launch();
                sleepUntil(started, OUTAGE);
                try (FakeReceivers receivers = new FakeReceivers(port)) {
                    awaitDelivered(tocsin);
                    return verify(tocsin, receivers);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fifty minutes of event time at once: HighErrorRate (P1) fires and resolves twice, HighLatencyP95 (P1) fires,
     * goes unacknowledged for 30 minutes (escalating to the incident commander) and resolves.
     */
    private static void decideWhileDown(TocsinProcess tocsin) {
        for (long s = 0; s <= 3000; s += 15) {
            long at = Scenario.BASE + s * 1000;
            double errors = s >= 60 && s < 300 || s >= 600 && s < 900 ? 0.005 : 0.0002;
            double latency = s >= 60 && s < 2700 ? 0.3 : 0.1;
            String batch = "[" + sample("genesis_error_ratio", errors, at) + ","
                    + sample("genesis_operation_p95_seconds", latency, at) + ","
                    + sample("genesis_test_pass_rate", 0.995, at) + "]";
            TocsinProcess.Answer answer = tocsin.send("POST", "/api/v1/samples", batch);
            if (answer.status() != 200) {
                throw new AssertionError("samples at " + s + " s: " + answer);
            }
        }
    }

    private static String sample(String metric, double value, long at) {
        return "{\"metric\":\"" + metric + "\",\"labels\":{\"service\":\"genesis\"},\"value\":" + value
                + ",\"timestamp\":\"" + Instant.ofEpochMilli(at) + "\"}";
    }

    private static void awaitDelivered(TocsinProcess tocsin) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!(tocsin.get("/api/v1/actions?status=pending").isEmpty()
                && tocsin.get("/api/v1/actions?status=retrying").isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("undelivered 2 minutes after the receivers came back: "
                        + tocsin.get("/api/v1/actions?status=retrying"));
            }
            TocsinProcess.sleep(200);
        }
    }

    private static List<String> verify(TocsinProcess tocsin, FakeReceivers receivers) {
        List<String> problems = new ArrayList<>();
        JsonNode actions = tocsin.get("/api/v1/actions");
        Map<String, List<Long>> decidedByLane = new LinkedHashMap<>();
        // the first action of each lane is retried through the outage; those behind it wait their turn (a resolve
        // never overtakes its trigger) and go out once the head is through, so they may need one attempt only
        Map<String, long[]> laneHead = new HashMap<>(); // lane -> {id, attempts} of its earliest action
        for (JsonNode a : actions) {
            if (!"sent".equals(a.get("status").asText())) {
                problems.add("action " + a.get("id") + " is " + a.get("status") + ": " + a);
                continue;
            }
            long[] head = laneHead.get(lane(a));
            if (head == null || a.get("id").asLong() < head[0]) {
                laneHead.put(lane(a), new long[] {a.get("id").asLong(), a.get("attempts").asInt()});
            }
            decidedByLane.computeIfAbsent(lane(a), k -> new ArrayList<>()).add(a.get("id").asLong());
        }
        if (actions.size() < 10) {
            problems.add("only " + actions.size() + " actions were decided: " + actions);
        }
        Map<String, Long> keys = new HashMap<>();
        for (JsonNode a : actions) {
            keys.put("tocsin-action-" + a.get("id").asText(), a.get("id").asLong());
        }
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, List<Long>> deliveredByLane = new LinkedHashMap<>();
        for (FakeReceivers.Request r : receivers.answered()) {
            deliveries.merge(r.idempotencyKey(), 1, Integer::sum);
            Long id = keys.get(r.idempotencyKey());
            if (id == null) {
                problems.add("delivered an unknown key " + r.idempotencyKey());
                continue;
            }
            for (JsonNode a : actions) {
                if (a.get("id").asLong() == id) {
                    deliveredByLane.computeIfAbsent(lane(a), k -> new ArrayList<>()).add(id);
                }
            }
        }
        keys.keySet().forEach(key -> {
            int n = deliveries.getOrDefault(key, 0);
            if (n != 1) {
                problems.add(key + " delivered " + n + " times");
            }
        });
        if (!decidedByLane.equals(deliveredByLane)) {
            problems.add("delivery order per alert and route " + deliveredByLane + " differs from the order decided "
                    + decidedByLane);
        }
        long minAttempts = laneHead.values().stream().mapToLong(h -> h[1]).min().orElse(0);
        if (minAttempts < 20) {
            problems.add("the first action of a lane was attempted only " + minAttempts
                    + " times in a ten-minute outage");
        }
        System.out.printf("outage drill: %d actions decided during a %d-minute outage (and a kill -9), each delivered"
                + " once after it, in order on %d lanes; fewest attempts of a lane's first action %d%n",
                actions.size(), OUTAGE.toMinutes(), decidedByLane.size(), minAttempts);
        return problems;
    }

    /** As the dispatcher orders deliveries: per alert, receiver and destination; other actions each alone. */
    private static String lane(JsonNode action) {
        return action.hasNonNull("alertId") ? action.get("alertId").asText() + " " + action.get("receiver").asText()
                + " " + action.get("destination").asText() : "#" + action.get("id").asText();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepUntil(long startedNanos, Duration after) {
        long wait = TimeUnit.NANOSECONDS.toMillis(startedNanos + after.toNanos() - System.nanoTime());
        if (wait > 0) {
            TocsinProcess.sleep(wait);
        }
    }
}
