package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The watch report over HTTP in its three formats, and the HTML report rendered by a real headless Chromium:
 * its charts are drawn, with threshold lines and shaded violation ranges where the data put them, and the
 * page makes no request of its own.
 */
@QuarkusTest
class ReportApiTest {

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

        given().contentType(ContentType.JSON).body("{\"reason\":\"report test done\",\"by\":\"ci\"}")
                .post("/api/v1/deployments/" + id + "/watch/close").then().statusCode(200);
        given().get(url).then().statusCode(200).body("state", equalTo("closed")).body("finalReport", equalTo(true))
                .body("closedAt", equalTo(t.at(120 * 60)));
        given().queryParam("format", "html").get(url).then().statusCode(200).body(containsString("Closed by hand"));
    }
}
