package io.tocsin.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules reload against the packaged application running a copy of the shipped {@code rules/}: an edited rule
 * reloaded ({@code POST /-/reload}) keeps its firing alert's id and times and pages nobody again; a broken edit is
 * refused with file:line and the running rules go on; a removed rule's alert resolves (and says so to the routes
 * that heard of it); {@code SIGHUP} reloads too; and a restart continues with the reloaded rules.
 */
class ReloadIT {

    private static final String RULE = "Error ratio above 0.1% for 2 minutes";

    @TempDir
    Path dir;

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void errors(TocsinProcess tocsin, long fromSecond, long toSecond, double ratio) {
        for (long s = fromSecond; s <= toSecond; s += 15) {
            String at = Instant.ofEpochMilli(Scenario.BASE + s * 1000).toString();
            TocsinProcess.Answer answer = tocsin.send("POST", "/api/v1/samples", "[{\"metric\":\"genesis_error_ratio\","
                    + "\"labels\":{\"service\":\"genesis\"},\"value\":" + ratio + ",\"timestamp\":\"" + at + "\"},"
                    + "{\"metric\":\"genesis_test_pass_rate\",\"labels\":{\"service\":\"genesis\"},\"value\":0.995,"
                    + "\"timestamp\":\"" + at + "\"}]");
            assertEquals(200, answer.status(), answer.body());
        }
    }

    private static JsonNode alert(TocsinProcess tocsin, String name, String state) {
        for (JsonNode a : tocsin.get("/api/v1/alerts" + (state == null ? "" : "?state=" + state))) {
            if (a.get("name").asText().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static String hash(TocsinProcess tocsin) {
        return tocsin.send(tocsin.request("GET", "/api/v1/rules", null, Map.of())).json().get(0).get("rulesHash")
                .asText();
    }

    private static List<String> actionsFor(TocsinProcess tocsin, String alertId) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : tocsin.get("/api/v1/actions")) {
            if (alertId.equals(a.path("alertId").asText())) {
                out.add(a.get("type").asText() + " " + a.get("receiver").asText());
            }
        }
        return out;
    }

    @Test
    void anEditedRuleKeepsItsAlertABrokenOneIsRefusedARemovedOneResolves() throws Exception {
        Path rules = dir.resolve("rules");
        copy(Path.of("rules"), rules);
        Path slo = rules.resolve("genesis/slo.drl");
        String original = Files.readString(slo);
        try (TocsinProcess tocsin = TocsinProcess.start("reload", dir, Map.of("tocsin.clock", "event",
                "tocsin.rules-dir", rules.toString()))) {
            JsonNode first = tocsin.get("/api/v1/rules");
            assertEquals(rules.toAbsolutePath().normalize() + " (as built in)", first.get(0).get("origin").asText(),
                    "the shipped rules, unchanged, run as built: no compiling at start");
            String builtHash = first.get(0).get("rulesHash").asText();
            assertTrue(builtHash.startsWith("sha256:"), builtHash);

            errors(tocsin, 0, 180, 0.005); // HighErrorRate pending at 0, firing at 2m
            JsonNode firing = alert(tocsin, "HighErrorRate", "firing");
            assertTrue(firing != null, "firing: " + tocsin.get("/api/v1/alerts"));
            List<String> paged = actionsFor(tocsin, firing.get("id").asText());
            assertEquals(List.of("notify slack", "notify pagerduty"), paged);

            // an edited threshold: same alert, same times, nobody paged again
            Files.writeString(slo, original.replace("value > 0.001 )", "value > 0.002 )"));
            TocsinProcess.Answer reloaded = tocsin.send("POST", "/-/reload", null);
            assertEquals(200, reloaded.status(), reloaded.body());
            assertEquals("reloaded", reloaded.json().get("status").asText());
            String editedHash = reloaded.json().get("hash").asText();
            assertNotEquals(builtHash, editedHash);
            assertEquals(editedHash, hash(tocsin), "GET /api/v1/rules shows the running rules' hash");
            assertEquals(rules.toAbsolutePath().normalize().toString(),
                    tocsin.get("/api/v1/rules").get(0).get("origin").asText());
            errors(tocsin, 195, 240, 0.005);
            JsonNode still = alert(tocsin, "HighErrorRate", "firing");
            assertEquals(firing.get("id"), still.get("id"));
            assertEquals(firing.get("activeAt"), still.get("activeAt"));
            assertEquals(firing.get("firedAt"), still.get("firedAt"));
            assertEquals(paged, actionsFor(tocsin, firing.get("id").asText()), "no second page");

            // a broken edit: refused with file and line, the running rules go on
            List<String> lines = new ArrayList<>(List.of(original.replace("value > 0.001 )", "value > 0.002 )")
                    .split("\n", -1)));
            int broken = lines.indexOf("    $s : Series( metric == \"genesis_error_ratio\", value > 0.002 )");
            assertTrue(broken > 0);
            lines.set(broken, "    $s : Series( metric == \"genesis_error_ratio\", value >>> 0.002 )");
            Files.writeString(slo, String.join("\n", lines));
            TocsinProcess.Answer refused = tocsin.send("POST", "/-/reload", null);
            assertEquals(400, refused.status(), refused.body());
            String where = rules + "/genesis/slo.drl:" + (broken + 1) + ":";
            assertTrue(refused.json().get("errors").toString().contains(where), where + " in " + refused.body());
            assertTrue(refused.json().get("message").asText().contains("the running rules are kept"));
            assertEquals(editedHash, hash(tocsin), "still the edited rules");
            errors(tocsin, 255, 270, 0.005);
            assertEquals(firing.get("id"), alert(tocsin, "HighErrorRate", "firing").get("id"));

            // the rule removed (by SIGHUP this time): its alert resolves, and the routes that heard of it hear so
            Files.writeString(slo, original.replaceAll("(?s)rule \"" + java.util.regex.Pattern.quote(RULE)
                    + "\".*?\nend\n", ""));
            tocsin.signal("HUP");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (hash(tocsin).equals(editedHash)) {
                assertTrue(System.nanoTime() < deadline, "SIGHUP reloaded within a minute:\n" + tocsin.tail());
                TocsinProcess.sleep(100);
            }
            JsonNode resolved = alert(tocsin, "HighErrorRate", "resolved");
            assertEquals(firing.get("id"), resolved.get("id"));
            assertEquals(null, alert(tocsin, "HighErrorRate", null));
            assertEquals(List.of("notify slack", "notify pagerduty", "resolve slack", "resolve pagerduty"),
                    actionsFor(tocsin, firing.get("id").asText()));
            assertTrue(tocsin.get("/api/v1/rules").toString().indexOf(RULE) < 0, "the rule is gone");
            String removedHash = hash(tocsin);

            // a restart continues with the rules as they are on disk, the same as reloaded
            tocsin.stop();
            tocsin.launch();
            assertEquals(removedHash, hash(tocsin));
            assertEquals(firing.get("id"), alert(tocsin, "HighErrorRate", "resolved").get("id"));

            // every reload is in the audit trail, which survives the restart: who asked, and what came of it
            JsonNode reloads = tocsin.get("/api/v1/audit?kind=reload-rules");
            assertEquals(3, reloads.size(), reloads.toString());
            assertEquals("env applied", reloads.get(0).get("actor").asText() + " "
                    + reloads.get(0).get("outcome").asText());
            assertEquals("env refused 400 rules", reloads.get(1).get("actor").asText() + " "
                    + reloads.get(1).get("outcome").asText() + " " + reloads.get(1).get("status").asInt() + " "
                    + reloads.get(1).get("field").asText());
            assertTrue(reloads.get(1).get("reason").asText().contains("the rules do not compile"),
                    reloads.get(1).toString());
            assertEquals("SIGHUP applied", reloads.get(2).get("actor").asText() + " "
                    + reloads.get(2).get("outcome").asText());
            assertTrue(reloads.get(2).get("details").get("removedRules").asText().contains(RULE),
                    reloads.get(2).toString());
        }
    }
}
