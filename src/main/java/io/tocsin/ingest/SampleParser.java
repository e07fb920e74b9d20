package io.tocsin.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.http.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validates a JSON array of samples into a {@link SampleBatch}. The first problem aborts the whole batch with
 * an {@link InvalidInputException} naming the index and field, so nothing of a bad batch is applied.
 *
 * <p>Names follow Prometheus: metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*} and must not start with {@code __} (reserved). As in Prometheus, a label
 * with an empty value is the same as no label.
 */
public final class SampleParser {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> FIELDS = Set.of("metric", "labels", "value", "timestamp");
    /** Longest metric name, label name or label value accepted; bounds the cost of matching them. */
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_LABEL_VALUE_LENGTH = 2048;

    private SampleParser() {
    }

    /**
     * Parses {@code body}; samples later than {@code latestAllowed} (epoch ms) are rejected, which is how the
     * wall clock refuses samples from the far future.
     */
    public static SampleBatch parse(JsonNode body, long latestAllowed) {
        if (body == null || !body.isArray()) {
            throw new InvalidInputException("body", "expected a JSON array of samples");
        }
        List<Sample> samples = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            samples.add(sample(body.get(i), "[" + i + "]", latestAllowed));
        }
        return new SampleBatch(samples);
    }

    private static Sample sample(JsonNode node, String at, long latestAllowed) {
        if (!node.isObject()) {
            throw new InvalidInputException(at, "expected an object with metric, labels, value, timestamp");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(at + "." + name,
                        "unknown field (expected metric, labels, value, timestamp)");
            }
        }
        String metric = metric(node.get("metric"), at + ".metric");
        Map<String, String> labels = labels(node.get("labels"), at + ".labels");
        double value = value(node.get("value"), at + ".value");
        long timestamp = io.tocsin.http.Timestamps.parse(node.get("timestamp"), at + ".timestamp");
        if (timestamp > latestAllowed) {
            throw new InvalidInputException(at + ".timestamp",
                    "more than the allowed future tolerance ahead of the server clock");
        }
        return new Sample(new SeriesKey(metric, labels), value, timestamp);
    }

    private static String metric(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(at, "required");
        }
        if (!node.isTextual() || !METRIC_NAME.matcher(node.textValue()).matches()) {
            throw new InvalidInputException(at, "not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        if (node.textValue().length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(at, "longer than " + MAX_NAME_LENGTH + " characters");
        }
        return node.textValue();
    }

    private static Map<String, String> labels(JsonNode node, String at) {
        Map<String, String> labels = new TreeMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(at, "expected an object of label names to string values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            String field = at + "." + label.getKey();
            if (!LABEL_NAME.matcher(label.getKey()).matches()) {
                throw new InvalidInputException(field, "not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            if (label.getKey().startsWith("__")) {
                throw new InvalidInputException(field, "label names starting with __ are reserved");
            }
            if (!label.getValue().isTextual()) {
                throw new InvalidInputException(field, "label value must be a string");
            }
            if (label.getKey().length() > MAX_NAME_LENGTH || label.getValue().textValue().length() > MAX_LABEL_VALUE_LENGTH) {
                throw new InvalidInputException(field, "label names are limited to " + MAX_NAME_LENGTH
                        + " characters and values to " + MAX_LABEL_VALUE_LENGTH);
            }
            if (!label.getValue().textValue().isEmpty()) {
                labels.put(label.getKey(), label.getValue().textValue());
            }
        }
        return labels;
    }

    private static double value(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(at, "required");
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(at, "expected a number");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(at, "must be a finite number");
        }
        return value;
    }
}
