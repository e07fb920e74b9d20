package io.tocsin.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.http.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming fast path agrees with the tree parser: whatever it takes, the tree parser takes too, as the same
 * samples; whatever the tree parser refuses, it leaves to the tree parser (null), so every error keeps one wording.
 */
class SampleStreamTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader TREE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final SeriesRules RULES = new SeriesRules(new SeriesRules.Limits(3, 10, 12, 40, 4));
    private static final long LATEST = 1_800_000_000_000L;

    private static final String OK = "{\"metric\":\"m\",\"labels\":{\"a\":\"1\"},\"value\":0.5,"
            + "\"timestamp\":\"2025-10-18T15:00:00Z\"}";

    /** The tree parser's batch, or null when it refuses the body (with a 400 or 413). */
    private static SampleBatch tree(String body) {
        JsonNode node;
        try {
            node = TREE.readTree(body);
        } catch (Exception malformed) {
            return null;
        }
        try {
            return SampleParser.parse(node, LATEST, RULES);
        } catch (InvalidInputException | io.tocsin.http.RequestRefusedException refused) {
            return null;
        }
    }

    private static SampleBatch stream(String body) {
        return SampleStream.tryParse(MAPPER.getFactory(), body.getBytes(StandardCharsets.UTF_8), LATEST, RULES);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "[" + OK + "]",
        "[" + OK + "," + OK + "]",
        "[{\"timestamp\":1760799600000,\"value\":3,\"metric\":\"m:x_y\"}]",
        "[{\"metric\":\"m\",\"labels\":{},\"value\":-1e-300,\"timestamp\":0}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"\",\"b\":\"x\"},\"value\":1,\"timestamp\":\"2025-10-18T15:00:00.123456+02:00\"}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"caf\\u00e9\"},\"value\":1E2,\"timestamp\":\"2025-10-18t15:00:00z\"}]",
        "[{\"metric\":\"m\",\"labels\":{\"b\":\"2\",\"a\":\"1\",\"c\":\"3\"},\"value\":12345678901234567890,\"timestamp\":1}]",
        " [ " + OK + " ] ",
    })
    void validBatchesAreTheSameSamplesBothWays(String body) {
        SampleBatch fast = stream(body);
        assertNotNull(fast, "the common shapes take the fast path: " + body);
        assertEquals(tree(body), fast, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{}", "[", "[" + OK + "] []", "[" + OK + "]x", "[1]", "[[]]", "[null]",
        "[" + OK + "," + OK + "," + OK + "," + OK + "," + OK + "]", // more than 4 samples per request
        "[{\"metric\":\"m\",\"metric\":\"m\",\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":1,\"value\":2,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":1,\"timestamp\":2}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"\",\"a\":\"\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"1\",\"a\":\"2\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{},\"labels\":{},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":1,\"extra\":1}]",
        "[{\"metric\":\"m\",\"value\":1}]",
        "[{\"metric\":\"m\",\"timestamp\":1}]",
        "[{\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":null,\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"1m\",\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"a_metric_name_longer_than_forty_bytes_xxxxxxxxxx\",\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":\"1\",\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":1e400,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":NaN,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":-1}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":1.5}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":99999999999999999999}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":1800000000001}]", // after the latest allowed
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":\"yesterday\"}]",
        "[{\"metric\":\"m\",\"value\":1,\"timestamp\":\"2025-13-18T15:00:00Z\"}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":1},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"__a\":\"1\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"1a\":\"1\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"a_long_name\":\"1\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"a value too long\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"tab\\there\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"},\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":[],\"value\":1,\"timestamp\":1}]",
        "[{\"metric\":\"m\",\"labels\":{\"a\":\"1\"},\"value\":1,\"timestamp\":1,\"labels\":null}]",
    })
    void whatTheTreeParserRefusesIsLeftToIt(String body) {
        assertNull(tree(body), "the tree parser refuses it: " + body);
        assertNull(stream(body), "the fast path leaves it to the tree parser: " + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"metric\":\"m\",\"labels\":null,\"value\":1,\"timestamp\":1}]",
    })
    void rareValidShapesAreLeftToTheTreeParser(String body) {
        assertNotNull(tree(body), "valid: " + body);
        assertNull(stream(body), "left to the tree parser: " + body);
    }
}
