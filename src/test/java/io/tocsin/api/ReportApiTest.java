package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch report over HTTP in its three formats, and the HTML report rendered by a real headless Chromium:
 * its charts are drawn, with threshold lines and shaded violation ranges where the data put them, and the
 * page makes no request of its own.
 */
@QuarkusTest
class ReportApiTest {

    @TempDir
    Path dir;

    /** A deployment with 10 minutes of 0.3 % errors at T+30m (a violated success criterion), watched for 2 hours. */
    private static String watchedDeployment(EventTime t) {
        String id = "report-" + t.millis(0);
        given().contentType(ContentType.JSON).body("{\"timestamp\":\"" + t.at(0) + "\"}").post("/api/v1/clock")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"version\":\"3.1\"}")
                .post("/api/v1/deployments").then().statusCode(201);
        for (int minute = 0; minute <= 120; minute += 5) {
            double errors = minute >= 30 && minute < 40 ? 0.003 : 0.0002;
            given().contentType(ContentType.JSON).body("[{\"metric\":\"genesis_error_ratio\",\"labels\":{\"test\":\""
                    + id + "\"},\"value\":" + errors + ",\"timestamp\":\"" + t.at(minute * 60L) + "\"}]")
                    .post("/api/v1/samples").then().statusCode(200);
        }
        return id;
    }

    @Test
    void theReportComesAsJsonMarkdownAndHtmlAndTheFinalOneOnceClosed() {
        EventTime t = EventTime.fresh();
        String id = watchedDeployment(t);
        String url = "/api/v1/deployments/" + id + "/report";
        given().get(url).then().statusCode(200).contentType(ContentType.JSON)
                .body("state", equalTo("watching"))
                .body("finalReport", equalTo(false))
                .body("criteria.find { it.name == 'ErrorRatio' }.violations[0].from", equalTo(t.at(30 * 60)))
                .body("criteria.find { it.name == 'ErrorRatio' }.violations[0].to", equalTo(t.at(40 * 60)))
                .body("criteria.find { it.name == 'ErrorRatio' }.series[0].threshold", equalTo(0.001f))
                .body("criteria.find { it.name == 'ErrorRatio' }.series[0].points.size()", equalTo(25));
        given().queryParam("format", "markdown").get(url).then().statusCode(200)
                .contentType("text/markdown").body(containsString("| ErrorRatio |"))
                .body(containsString("T+30m to T+40m"));
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get(url).then().statusCode(200)
                .contentType(ContentType.HTML).body(containsString("<line class=\"threshold\" data-value=\"0.001\""));
        given().queryParam("format", "pdf").get(url).then().statusCode(400).body("field", equalTo("format"));
        given().get("/api/v1/deployments/nope/report").then().statusCode(404);
        given().get("/api/v1/deployments/" + id + "/evidence").then().statusCode(404);
        // ids name files in the data directory: none may be a path of its own
        given().contentType(ContentType.JSON).body("{\"id\":\"..\",\"version\":\"1\"}").post("/api/v1/deployments")
                .then().statusCode(400).body("field", equalTo("id"));
        given().get("/api/v1/deployments/../evidence").then().statusCode(404);
        given().get("/api/v1/deployments/%2E%2E/evidence").then().statusCode(404);

        given().contentType(ContentType.JSON).body("{\"reason\":\"report test done\",\"by\":\"ci\"}")
                .post("/api/v1/deployments/" + id + "/watch/close").then().statusCode(200);
        given().get(url).then().statusCode(200).body("state", equalTo("closed")).body("finalReport", equalTo(true))
                .body("closedAt", equalTo(t.at(120 * 60)));
        given().queryParam("format", "html").get(url).then().statusCode(200).body(containsString("Closed by hand"));
    }

    @Test
    void theHtmlReportRendersInHeadlessChromiumWithThresholdsAndViolations() throws Exception {
        // ./tocsin test installs it; a bare `./mvnw verify` outside CI may lack it (skipped), CI must not (fails)
        Optional<Path> chromium = Optional.of(io.tocsin.testing.Browser.required());
        EventTime t = EventTime.fresh();
        String id = watchedDeployment(t);
        Path page = dir.resolve("report.html");
        Files.writeString(page, given().queryParam("format", "html").get("/api/v1/deployments/" + id + "/report")
                .then().statusCode(200).extract().asString());
        given().contentType(ContentType.JSON).body("{\"reason\":\"browser test done\",\"by\":\"ci\"}")
                .post("/api/v1/deployments/" + id + "/watch/close").then().statusCode(200);

        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), page.toUri())) {
            JsonNode seen = browser.evaluate("""
                    (() => {
                      const box = e => e.getBoundingClientRect();
                      const chart = document.querySelector('svg.chart[data-criterion="ErrorRatio"]');
                      const plot = box(chart.querySelector('rect.plot'));
                      const threshold = chart.querySelector('line.threshold');
                      const violation = chart.querySelector('rect.violation');
                      const line = chart.querySelector('g.series path.line');
                      return {
                        charts: [...document.querySelectorAll('svg.chart')].filter(c => box(c).width > 0).length,
                        plotWidth: plot.width,
                        thresholdValue: threshold.getAttribute('data-value'),
                        thresholdWidth: box(threshold).width,
                        thresholdInPlot: box(threshold).top >= plot.top && box(threshold).bottom <= plot.bottom,
                        violations: chart.querySelectorAll('rect.violation').length,
                        violationLeft: (box(violation).left - plot.left) / plot.width,
                        violationWidth: box(violation).width / plot.width,
                        lineDrawn: line.getTotalLength() > 0,
                        verdict: document.getElementById('verdict').innerText,
                        requests: performance.getEntriesByType('resource').length
                      };
                    })()""");
            Files.write(dir.resolve("report.png"), browser.screenshot());
            assertTrue(seen.get("charts").asInt() >= 5, seen.toString()); // one per success criterion
            assertEquals("0.001", seen.get("thresholdValue").asText());
            assertEquals(seen.get("plotWidth").asDouble(), seen.get("thresholdWidth").asDouble(), 1.0,
                    "the threshold spans the plot");
            assertTrue(seen.get("thresholdInPlot").asBoolean(), seen.toString());
            assertEquals(1, seen.get("violations").asInt());
            // the window is T+0 to T+2h: 30 to 40 minutes is from 25 % of the width, 1/12 of it wide
            assertEquals(0.25, seen.get("violationLeft").asDouble(), 0.01, seen.toString());
            assertEquals(1.0 / 12, seen.get("violationWidth").asDouble(), 0.01, seen.toString());
            assertTrue(seen.get("lineDrawn").asBoolean());
            assertTrue(seen.get("verdict").asText().startsWith("Watching"), seen.toString());
            assertEquals(0, seen.get("requests").asInt(), "the page loads nothing");
            assertTrue(Files.size(dir.resolve("report.png")) > 10_000, "a screenshot of a drawn page");
        }
    }
}
