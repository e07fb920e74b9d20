package io.tocsin.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.dispatch.FakeReceivers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 loses nothing. The {@link Scenario} runs once straight through and once with SIGKILL at seeded points,
 * some while a request is in flight (the client then re-sends it, as Prometheus' remote write would, unless it
 * was answered), each followed by a start on the same data directory. Both runs must end with the same alerts (ids
 * and times), resolved alerts, silences, deployments and actions (ids, times, routes, outcomes); commands run at
 * most once, and notifications reach their receivers at least once per idempotency key. Repeats the kills cause
 * are counted and reported.
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261130L;
    private static final int SEEDED_KILLS = 12;

    /** What a run ends with. */
    record Outcome(JsonNode alerts, JsonNode resolved, JsonNode silences, JsonNode deployments, List<String> actions,
            Map<String, Integer> deliveries, Map<String, Integer> runs, Set<String> interrupted, int kills,
            int resent) {
    }

    @TempDir
    Path straightDir;
    @TempDir
    Path crashDir;

    @Test
    void killedAtAnyPointItContinuesAsIfItHadNeverStopped() throws Exception {
        List<Function<TocsinProcess, Scenario.Request>> steps = Scenario.steps();
        Outcome straight = run("crash-straight", straightDir, steps, Map.of());

        Random random = new Random(SEED);
        Map<Integer, Boolean> kills = new TreeMap<>(); // step → killed while its request is in flight
        while (kills.size() < SEEDED_KILLS) {
            kills.put(5 + random.nextInt(steps.size() - 10), kills.size() % 2 == 0);
        }
        Outcome crashed = run("crash-killed", crashDir, steps, kills);

        assertTrue(straight.actions().stream().anyMatch(a -> a.contains(" rollback command rollback ")),
                "the scenario rolls back: " + straight.actions());
        assertTrue(straight.actions().stream().anyMatch(a -> a.contains(" escalate ")), "and escalates");
        assertTrue(straight.actions().stream().anyMatch(a -> a.contains(" silenced")), "and silences");
        assertTrue(straight.resolved().toString().contains("\"acknowledgement\""), "and acknowledges");
        assertTrue(crashed.kills() >= 10, "killed " + crashed.kills() + " times");

        assertEquals(straight.alerts(), crashed.alerts(), "pending and firing alerts");
        assertEquals(straight.resolved(), crashed.resolved(), "resolved alerts");
        assertEquals(straight.silences(), crashed.silences(), "silences");
        assertEquals(straight.deployments(), crashed.deployments(), "deployments");
        List<String> expected = straight.actions().stream()
                .map(a -> crashed.interrupted().contains(a.split(" ", 2)[0]) ? interrupted(a) : a).toList();
        assertEquals(String.join("\n", expected), String.join("\n", crashed.actions()), "actions");

        // exactly once for commands: never run twice, run unless interrupted
        crashed.runs().forEach((id, n) -> assertEquals(1, n, "command #" + id + " ran " + n + " times"));
        straight.runs().keySet().forEach(id -> assertTrue(crashed.runs().containsKey(id)
                || crashed.interrupted().contains(id), "command #" + id + " neither ran nor was interrupted"));
        // at least once for notifications, under the same idempotency keys
        assertEquals(straight.deliveries().keySet(), crashed.deliveries().keySet(), "notifications delivered");
        straight.deliveries().forEach((key, n) -> assertEquals(1, n, key + " delivered " + n + " times straight"));
        int repeats = crashed.deliveries().values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf("crash test: %d kills (%d with a request in flight, %d re-sent), %d actions, %d notifications"
                + " delivered again after a kill (at least once, same idempotency key), %d command(s) interrupted,"
                + " 0 commands run twice%n", crashed.kills(), kills.values().stream().filter(b -> b).count(),
                crashed.resent(), crashed.actions().size(), repeats, crashed.interrupted().size());
    }

    /** How an action reads when its command was interrupted by a kill instead of finishing. */
    private static String interrupted(String action) {
        return action.replaceFirst(" (sent|failed)$", " interrupted");
    }

    private Outcome run(String name, Path dir, List<Function<TocsinProcess, Scenario.Request>> steps,
            Map<Integer, Boolean> kills) throws Exception {
        Random random = new Random(SEED + 1);
        int killed = 0;
        int resent = 0;
        try (FakeReceivers http = new FakeReceivers();
                TocsinProcess tocsin = TocsinProcess.start(name, dir, Scenario.config(http, dir))) {
            for (int i = 0; i < steps.size(); i++) {
                Scenario.Request request = steps.get(i).apply(tocsin);
                Boolean inFlight = kills.get(i);
                if (Boolean.TRUE.equals(inFlight)) {
                    CompletableFuture<HttpResponse<String>> answer = tocsin.sendAsync(request.on(tocsin));
                    TocsinProcess.sleep(random.nextInt(40));
                    tocsin.kill();
                    killed++;
                    boolean answered = answer.handle((r, e) -> e == null && r.statusCode() / 100 == 2)
                            .get(30, TimeUnit.SECONDS);
                    tocsin.launch();
                    if (!answered) {
                        TocsinProcess.Answer again = tocsin.send(request.on(tocsin));
                        assertTrue(again.status() / 100 == 2 || again.status() == 409,
                                "re-sent " + request + ": " + again);
                        resent++;
                    }
                } else {
                    TocsinProcess.Answer answer = tocsin.send(request.on(tocsin));
                    assertTrue(answer.status() / 100 == 2, "step " + i + " " + request + ": " + answer);
                }
                awaitQuiet(tocsin);
                if (Boolean.FALSE.equals(inFlight)) {
                    tocsin.kill();
                    killed++;
                    tocsin.launch();
                    awaitQuiet(tocsin);
                }
            }
            List<String> actions = new ArrayList<>();
            Set<String> interrupted = new TreeSet<>();
            for (JsonNode a : tocsin.get("/api/v1/actions")) {
                String id = a.get("id").asText();
                if ("interrupted".equals(a.get("status").asText())) {
                    interrupted.add(id);
                }
                actions.add(id + " " + a.get("at").asText() + " " + a.get("type").asText() + " "
                        + a.get("receiver").asText() + " " + a.get("destination").asText() + " "
                        + (a.hasNonNull("alertId") ? a.get("alertId").asText() : "-")
                        + " " + a.get("status").asText());
            }
            Map<String, Integer> deliveries = new TreeMap<>();
            for (FakeReceivers.Request r : http.answered()) {
                deliveries.merge(r.idempotencyKey(), 1, Integer::sum);
            }
            Outcome outcome = new Outcome(tocsin.get("/api/v1/alerts"), tocsin.get("/api/v1/alerts?state=resolved"),
                    tocsin.get("/api/v1/silences"), tocsin.get("/api/v1/deployments"), actions, deliveries,
                    Scenario.runs(dir), interrupted, killed, resent);
            tocsin.stop();
            return outcome;
        }
    }

    /** Waits until no action is pending or retrying: every outcome is back and the rules have seen it. */
    static void awaitQuiet(TocsinProcess tocsin) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode actions = tocsin.get("/api/v1/actions?status=pending");
            JsonNode retrying = tocsin.get("/api/v1/actions?status=retrying");
            if (actions.isEmpty() && retrying.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deliveries still open after 60 s: " + actions + retrying + "\n"
                        + tocsin.tail());
            }
            TocsinProcess.sleep(10);
        }
    }

    static ArrayNode strip(JsonNode list, String... fields) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode n : list) {
            ObjectNode copy = n.deepCopy();
            copy.remove(List.of(fields));
            out.add(copy);
        }
        return out;
    }
}
