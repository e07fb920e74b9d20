package io.tocsin.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.engine.fact.KnownSeries;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.Timestamps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates a JSON array of samples into a {@link SampleBatch}. The first problem aborts the whole batch with
 * an {@link InvalidInputException} naming the index and field, so nothing of a bad batch is applied.
 *
 * <p>Names and times are checked by {@link SeriesRules}, shared with remote write. As in Prometheus, a label
 * with an empty value is the same as no label.
 */
public final class SampleParser {

    private static final Set<String> FIELDS = Set.of("metric", "labels", "value", "timestamp");

    private SampleParser() {
    }

    /**
     * Parses {@code body}; samples later than {@code latestAllowed} (epoch ms) are rejected, which is how the
     * wall clock refuses samples from the far future.
     */
    public static SampleBatch parse(JsonNode body, long latestAllowed, SeriesRules rules) {
        if (body == null || !body.isArray()) {
            throw new InvalidInputException("body", "expected a JSON array of samples");
        }
        rules.checkSampleCount(body.size(), "; split the batch");
        List<Sample> samples = new ArrayList<>(body.size());
        Times times = new Times();
        for (int i = 0; i < body.size(); i++) {
            samples.add(sample(body.get(i), i, latestAllowed, times, rules));
        }
        return new SampleBatch(samples);
    }

    /** With the default limits (tests and tools). */
    public static SampleBatch parse(JsonNode body, long latestAllowed) {
        return parse(body, latestAllowed, new SeriesRules(SeriesRules.Limits.defaults()));
    }

    /** The samples of a batch mostly share one timestamp: the text last parsed is parsed once. */
    private static final class Times {
        private String text;
        private long millis;

        long parse(JsonNode node, int index) {
            if (node != null && node.isTextual() && node.textValue().equals(text)) {
                return millis;
            }
            long parsed = Timestamps.parse(node, at(index, "timestamp"));
            if (node.isTextual()) {
                text = node.textValue();
                millis = parsed;
            }
            return parsed;
        }
    }

    /** {@code [3].labels}: where a problem is, built only when there is one. */
    private static String at(int index, String field) {
        return "[" + index + "]" + (field == null ? "" : "." + field);
    }

    private static Sample sample(JsonNode node, int index, long latestAllowed, Times times, SeriesRules rules) {
        if (!node.isObject()) {
            throw new InvalidInputException(at(index, null),
                    "expected an object with metric, labels, value, timestamp");
        }
        if (node.size() > FIELDS.size() || !FIELDS.containsAll(names(node))) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new InvalidInputException(at(index, name),
                            "unknown field (expected metric, labels, value, timestamp)");
                }
            }
        }
        JsonNode metricNode = node.get("metric");
        String metric = metricNode != null && metricNode.isTextual()
                && rules.metricName(metricNode.textValue()) == null ? metricNode.textValue()
                        : metric(metricNode, at(index, "metric"), rules);
        Map<String, String> labels = labels(node.get("labels"), index, rules);
        double value = value(node.get("value"), index);
        long timestamp = times.parse(node.get("timestamp"), index);
        String problem = SeriesRules.timestampProblem(timestamp, latestAllowed);
        if (problem != null) {
            throw new InvalidInputException(at(index, "timestamp"), problem);
        }
        return new Sample(KnownSeries.canonical(new SeriesKey(metric, labels)), value, timestamp);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>(node.size());
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String metric(JsonNode node, String at, SeriesRules rules) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(at, "required");
        }
        SeriesRules.Problem problem = rules.metricName(node.isTextual() ? node.textValue() : "");
        if (problem != null) {
            throw problem.at(at);
        }
        return node.textValue();
    }

    private static Map<String, String> labels(JsonNode node, int index, SeriesRules rules) {
        Map<String, String> labels = new TreeMap<>();
        if (node == null || node.isNull()) {
            return labels;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(at(index, "labels"), "expected an object of label names to string values");
        }
        SeriesRules.Problem count = rules.labelCount(node.size());
        if (count != null) {
            throw count.at(at(index, "labels"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            SeriesRules.Problem problem = rules.labelName(label.getKey());
            if (problem != null) {
                // a name too long to echo is reported at the labels, not as a field path
                throw problem.at(label.getKey().length() > rules.limits().maxLabelNameBytes()
                        ? at(index, "labels") : at(index, "labels." + label.getKey()));
            }
            if (!label.getValue().isTextual()) {
                throw new InvalidInputException(at(index, "labels." + label.getKey()), "label value must be a string");
            }
            problem = rules.labelValue(label.getValue().textValue());
            if (problem != null) {
                throw problem.at(at(index, "labels." + label.getKey()));
            }
            if (!label.getValue().textValue().isEmpty()) {
                labels.put(label.getKey(), label.getValue().textValue());
            }
        }
        return labels;
    }

    private static double value(JsonNode node, int index) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(at(index, "value"), "required");
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(at(index, "value"), "expected a number");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(at(index, "value"), "must be a finite number");
        }
        return value;
    }
}
