package io.tocsin.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.testing.EventTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operator input out of range is a 400 naming the field, never a 500: durations and times too large for any
 * clock, deployments started too long ago or too far ahead of engine time, silences too long or too large.
 * NOW stands for engine time in epoch ms.
 */
@QuarkusTest
class OperatorBadInputTest {

    private static String matchers(int n, String value, boolean regex) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("{\"name\":\"l").append(i).append("\",\"value\":\"").append(value)
                    .append("\",\"isRegex\":").append(regex).append('}');
        }
        return out.append(']').toString();
    }

    static Stream<Arguments> badRequests() {
        String deployment = "{\"id\":\"bad-input-d\",\"version\":\"1\",\"steps\":[{\"after\":\"AFTER\",\"traffic\":5}]}";
        String silence = "{\"matchers\":MATCHERS,\"endsAt\":ENDS,\"comment\":\"bad input\"}";
        return Stream.of(
                Arguments.of("/api/v1/deployments", deployment.replace("AFTER", "99999999999999999999y"),
                        "steps[0].after", "out of range"),
                Arguments.of("/api/v1/deployments", deployment.replace("AFTER", "100000000000y"), "steps[0].after",
                        "out of range"),
                Arguments.of("/api/v1/deployments", deployment.replace("AFTER", "366d"), "steps[0].after",
                        "out of range"),
                Arguments.of("/api/v1/deployments", deployment.replace("AFTER", "soon"), "steps[0].after",
                        "not a duration"),
                Arguments.of("/api/v1/deployments", "{\"id\":\"-rf\",\"version\":\"1\"}", "id", "start with"),
                Arguments.of("/api/v1/deployments", "{\"id\":\"bad-input-old\",\"version\":\"1\",\"startedAt\":"
                        + "NOW_MINUS_25H}", "startedAt", "1d before"),
                Arguments.of("/api/v1/clock", "{\"timestamp\":253402300800000}", "timestamp", "out of range"),
                Arguments.of("/api/v1/clock", "{\"timestamp\":\"9999999999999999999999\"}", "timestamp", "RFC 3339"),
                Arguments.of("/api/v1/silences", silence.replace("MATCHERS", matchers(1, "x", false))
                        .replace("ENDS", "NOW_PLUS_31D"), "endsAt", "longer than 30d"),
                Arguments.of("/api/v1/silences", silence.replace("MATCHERS", matchers(1, "x", false))
                        .replace("ENDS", "253402300800000"), "endsAt", "out of range"),
                Arguments.of("/api/v1/silences", silence.replace("MATCHERS", matchers(65, "x", false))
                        .replace("ENDS", "NOW_PLUS_6M"), "matchers", "more than 64"),
                Arguments.of("/api/v1/silences", silence.replace("MATCHERS", matchers(1, "a".repeat(1025), true))
                        .replace("ENDS", "NOW_PLUS_6M"), "matchers[0].value", "at most 1024"),
                Arguments.of("/api/v1/silences", silence.replace("MATCHERS", matchers(1, "(?<=x)y", true))
                        .replace("ENDS", "NOW_PLUS_6M"), "matchers[0].value", "RE2"));
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("badRequests")
    void refusedWith400NamingTheField(String path, String body, String field, String message) {
        EventTime t = EventTime.fresh();
        EventTime.post(List.of(t.sample("genesis_flaky_tests", Map.of("test", "operator-bad-input"), 0, 0)));
        long now = t.millis(0);
        String concrete = body.replace("NOW_MINUS_25H", Long.toString(now - 25 * 3_600_000L))
                .replace("NOW_PLUS_6M", Long.toString(now + 360_000)).replace("NOW_PLUS_31D",
                        Long.toString(now + 31 * 86_400_000L));
        given().contentType(ContentType.JSON).body(concrete).post(path).then().statusCode(400)
                .body("status", equalTo(400)).body("field", equalTo(field)).body("message", containsString(message));
    }
}
