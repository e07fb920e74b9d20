package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.testing.EventTime;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid batch is rejected whole with 400 and the index and field, and leaves the engine as it was:
 * each body below also carries a valid, breaching sample that must not be applied.
 */
@QuarkusTest
class BadInputTest {

    private static final String GOOD = "{\"metric\":\"genesis_flaky_tests\",\"labels\":{\"test\":\"bad-input\"},"
            + "\"value\":99,\"timestamp\":TS}";

    static Stream<Arguments> badBatches() {
        return Stream.of(
                Arguments.of("[" + GOOD + ",", "body", "malformed JSON"),
                Arguments.of("{\"metric\":\"up\"}", "body", "JSON array"),
                Arguments.of("[" + GOOD + "] trailing", "body", "malformed JSON"),
                Arguments.of("[" + GOOD + ", 7]", "[1]", "expected an object"),
                Arguments.of("[" + GOOD + ", {\"labels\":{},\"value\":1,\"timestamp\":0}]", "[1].metric", "required"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"9lives\",\"value\":1,\"timestamp\":0}]", "[1].metric",
                        "metric name"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"bad-name\":\"x\"},\"value\":1,\"timestamp\":0}]",
                        "[1].labels.bad-name", "label name"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"__name__\":\"x\"},\"value\":1,\"timestamp\":0}]",
                        "[1].labels.__name__", "reserved"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"job\":3},\"value\":1,\"timestamp\":0}]",
                        "[1].labels.job", "string"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"x\":\"" + "v".repeat(2049)
                        + "\"},\"value\":1,\"timestamp\":0}]", "[1].labels.x", "longer than 2048"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"x\":\"" + "é".repeat(1025)
                        + "\"},\"value\":1,\"timestamp\":0}]", "[1].labels.x", "2050 bytes"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"x\":\"a\\nb\"},\"value\":1,"
                        + "\"timestamp\":0}]", "[1].labels.x", "control character (U+000A)"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{\"" + "n".repeat(129)
                        + "\":\"v\"},\"value\":1,\"timestamp\":0}]", "[1].labels", "longer than 128 bytes"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":{" + labels(65)
                        + "},\"value\":1,\"timestamp\":0}]", "[1].labels", "65 labels, more than 64"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":\"+10000-01-01T00:00:00Z\"}]",
                        "[1].timestamp", "RFC 3339"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":253402300800000}]",
                        "[1].timestamp", "out of range"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"labels\":[],\"value\":1,\"timestamp\":0}]",
                        "[1].labels", "object"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":\"1\",\"timestamp\":0}]", "[1].value",
                        "number"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"timestamp\":0}]", "[1].value", "required"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1e999,\"timestamp\":0}]", "[1].value",
                        "finite"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1}]", "[1].timestamp", "required"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":\"yesterday\"}]",
                        "[1].timestamp", "RFC 3339"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":\"2025-02-30T00:00:00Z\"}]",
                        "[1].timestamp", "not a valid date"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":1.5}]", "[1].timestamp",
                        "RFC 3339"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":-5}]", "[1].timestamp",
                        "non-negative"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"value\":1,\"timestamp\":0,\"tags\":{}}]",
                        "[1].tags", "unknown field"),
                Arguments.of("[" + GOOD + ", {\"metric\":\"up\",\"metric\":\"down\",\"value\":1,\"timestamp\":0}]",
                        "body", "Duplicate field"),
                // bodies above BodyWork.INLINE_BYTES are parsed on a worker thread: worded the same
                Arguments.of("[" + GOOD + padding(300) + ", {\"metric\":\"9lives\",\"value\":1,\"timestamp\":0}]",
                        "[301].metric", "metric name"),
                Arguments.of("[" + GOOD + padding(300) + ",", "body", "malformed JSON"));
    }

    /** Valid samples that make a body larger than BodyWork.INLINE_BYTES; none may be applied either. */
    private static String padding(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(", {\"metric\":\"bad_input_padding\",\"labels\":{\"test\":\"bad-input\",\"i\":\"").append(i)
                    .append("\"},\"value\":1,\"timestamp\":TS}");
        }
        if (out.length() <= io.tocsin.ingest.BodyWork.INLINE_BYTES) {
            throw new IllegalStateException("padding too small to leave the event loop: " + out.length());
        }
        return out.toString();
    }

    private static String labels(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badBatches")
    void rejectedWholeWithTheFieldNamedAndNothingApplied(String body, String field, String message) {
        EventTime t = EventTime.fresh();
        String clockBefore = given().get("/api/v1/clock").then().extract().path("now");
        given().contentType(ContentType.JSON).body(body.replace("TS", Long.toString(t.millis(0))))
                .post("/api/v1/samples")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("message", containsString(message));
        given().get("/api/v1/clock").then().body("now", equalTo(clockBefore));
        given().get("/api/v1/alerts").then().body("findAll { it.labels.test == 'bad-input' }", empty());
    }

    @org.junit.jupiter.api.Test
    void oversizedBodiesGet413() {
        String big = "[" + "{\"metric\":\"up\",\"value\":1,\"timestamp\":0},".repeat(40_000) + "]";
        given().contentType(ContentType.JSON).body(big).post("/api/v1/samples").then().statusCode(413)
                .contentType(ContentType.JSON).body("status", equalTo(413))
                .body("message", containsString("max-body-size"));
    }
}
