package io.tocsin.prometheus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.security.TestTokens;
import io.tocsin.testing.EventTime;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/grafana/tocsin.json} is a well-formed Grafana dashboard whose queries name only metrics that
 * Tocsin's {@code /q/metrics} exports (or Prometheus' own {@code up}), each narrowed to the dashboard's
 * {@code $job}, and whose PromQL Prometheus' own parser accepts ({@code promtool check rules}); a real Prometheus
 * scraping Tocsin with the shipped job ({@code deploy/grafana/prometheus.yml}) answers every query.
 */
@QuarkusTest
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy", "grafana", "tocsin.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("bool", "offset", "and", "or", "unless", "Inf", "NaN",
            "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TempDir
    Path dir;

    @TestHTTPResource("/")
    URI tocsin;

    /** Every query of every panel, as "panel title / refId" → expression. */
    private static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.put(panel.get("title").asText() + " / " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        return out;
    }

    @Test
    void isAWellFormedDashboard() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        assertEquals("tocsin-overview", dashboard.get("uid").asText());
        assertTrue(dashboard.get("schemaVersion").asInt() >= 36);
        Set<String> variables = new HashSet<>();
        dashboard.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
        assertEquals(Set.of("datasource", "job"), variables);
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.get("title").asText();
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique: " + title);
            JsonNode grid = panel.get("gridPos");
            for (String f : List.of("h", "w", "x", "y")) {
                assertTrue(grid.get(f).isInt(), title + " gridPos." + f);
            }
            assertTrue(grid.get("x").asInt() + grid.get("w").asInt() <= 24, title + " fits the 24-column grid");
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.get("datasource").get("uid").asText(), title);
            assertFalse(panel.get("description").asText().isBlank(), title + " says what it shows");
            Set<String> refIds = new HashSet<>();
            assertTrue(panel.get("targets").size() > 0, title + " has queries");
            for (JsonNode target : panel.get("targets")) {
                assertTrue(refIds.add(target.get("refId").asText()), title + ": refIds are unique");
                assertFalse(target.get("expr").asText().isBlank(), title);
                queries++;
            }
        }
        assertTrue(queries >= 15, "queries: " + queries);
    }

    @Test
    void queriesNameOnlyMetricsTocsinExports() throws IOException {
        EventTime t = EventTime.fresh(); // some traffic, so that request and evaluation histograms exist
        EventTime.post(List.of(t.sample("genesis_flaky_tests", Map.of("test", "dashboard"), 1, 0)));
        Set<String> exported = new TreeSet<>(PROMETHEUS_OWN);
        given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));

        Map<String, String> queries = queries(JSON.readTree(DASHBOARD.toFile()));
        Set<String> used = new TreeSet<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            List<String> metrics = metricNames(q.getValue());
            assertFalse(metrics.isEmpty(), q.getKey() + " names no metric: " + q.getValue());
            for (String m : metrics) {
                assertTrue(exported.contains(m), q.getKey() + " uses " + m + ", which /q/metrics does not export");
                used.add(m);
            }
            Matcher selector = Pattern.compile("\\{([^}]*)}").matcher(q.getValue());
            int selectors = 0;
            while (selector.find()) {
                selectors++;
                assertTrue(selector.group(1).contains("job=~\"$job\""), q.getKey() + ": every selector is narrowed"
                        + " to $job: " + q.getValue());
            }
            assertEquals(metrics.size(), selectors, q.getKey() + ": every metric has a selector: " + q.getValue());
        }
        for (String wanted : List.of("tocsin_samples_accepted_total", "http_server_requests_seconds_bucket",
                "tocsin_evaluation_seconds_bucket", "tocsin_series", "tocsin_alerts", "tocsin_alerts_by_priority",
                "tocsin_actions", "tocsin_ingest_queued_samples", "tocsin_outbox_oldest_age_seconds")) {
            assertTrue(used.contains(wanted), "the dashboard shows " + wanted);
        }
    }

    /** Metric names in a PromQL expression: identifiers outside strings, selectors, ranges and grouping clauses. */
    static List<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        List<String> names = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            boolean call = bare.substring(m.end()).stripLeading().startsWith("(");
            if (!call && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertEquals(List.of("a_bucket", "b_sum", "b_count"), metricNames("histogram_quantile(0.9, sum by (le, uri)"
                + " (rate(a_bucket{job=~\"$job\",x=\"y\"}[5m]))) / sum(rate(b_sum{job=~\"a|b\"}[1m])) / b_count"));
    }

    /**
     * The shipped scrape job ({@code deploy/grafana/prometheus.yml}, pointed at this test's Tocsin, with a read token
     * in its credentials file) passes {@code promtool check config}, and a real Prometheus scraping with it answers
     * every dashboard query, with data for the gauges.
     */
    @Test
    void prometheusScrapesTocsinWithTheShippedJobAndAnswersEveryQuery() throws Exception {
        Path binary = DebianPrometheus.require("prometheus");
        Path token = dir.resolve("tocsin-read.token");
        Files.writeString(token, TestTokens.READ + "\n");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode config = (ObjectNode) yaml.readTree(Path.of("deploy", "grafana", "prometheus.yml").toFile());
        ((ObjectNode) config.get("global")).put("scrape_interval", "1s");
        ObjectNode job = (ObjectNode) config.get("scrape_configs").get(0);
        ((ObjectNode) job.get("authorization")).put("credentials_file", token.toString());
        ((ArrayNode) job.get("static_configs").get(0).get("targets")).removeAll()
                .add(tocsin.getHost() + ":" + tocsin.getPort());
        Path configFile = dir.resolve("scrape.yml");
        yaml.writeValue(configFile.toFile(), config);
        promtool("check", "config", configFile.toString());

        try (PrometheusProcess prometheus = PrometheusProcess.start(binary, dir, yaml.writeValueAsString(config))) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!query(prometheus, "up{job=\"tocsin\"}").toString().contains("\"1\"")) {
                assertTrue(System.currentTimeMillis() < deadline, "Prometheus could not scrape Tocsin:\n"
                        + prometheus.get("/api/v1/targets").body());
                Thread.sleep(200);
            }
            for (Map.Entry<String, String> q : queries(JSON.readTree(DASHBOARD.toFile())).entrySet()) {
                JsonNode result = query(prometheus, q.getValue().replace("$__rate_interval", "1m")
                        .replace("$job", "tocsin"));
                if (!q.getValue().contains("rate(")) { // gauges have data from the first scrape
                    assertTrue(result.size() > 0, q.getKey() + " returns nothing: " + q.getValue());
                }
            }
        }
    }

    /** The result of an instant query, failing on an error. */
    private static JsonNode query(PrometheusProcess prometheus, String expr) throws Exception {
        JsonNode answer = JSON.readTree(prometheus.get("/api/v1/query?query="
                + java.net.URLEncoder.encode(expr, StandardCharsets.UTF_8)).body());
        assertEquals("success", answer.get("status").asText(), expr + ": " + answer);
        return answer.get("data").get("result");
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DebianPrometheus.require("promtool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void prometheusParsesEveryQuery() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode file = yaml.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject();
        group.put("name", "dashboard");
        ArrayNode rules = group.putArray("rules");
        int n = 0;
        for (String expr : queries(JSON.readTree(DASHBOARD.toFile())).values()) {
            // Grafana's variables, as Grafana substitutes them
            rules.addObject().put("record", "dashboard:query_" + (++n))
                    .put("expr", expr.replace("$__rate_interval", "1m").replace("$job", ".*"));
        }
        Path rulesFile = dir.resolve("dashboard-queries.yml");
        yaml.writeValue(rulesFile.toFile(), file);
        String out = promtool("check", "rules", rulesFile.toString());
        assertTrue(out.contains("SUCCESS: " + n + " rules found"), out);
    }
}
