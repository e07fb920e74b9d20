package io.tocsin.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tocsin.engine.fact.KnownSeries;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.Timestamps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast way through a valid batch: reads the JSON array token by token into samples, without building a tree
 * of it first. It accepts exactly what {@link SampleParser} accepts and yields the same samples; at the first thing
 * it does not take as it comes (any problem, an unusual but valid shape such as a {@code null} field, a duplicate
 * key), it gives up with {@code null}, and the caller parses the body again with {@link SampleParser}, which names
 * the problem or takes the unusual shape. So error messages have one author, and valid batches, the common case
 * by far, cost a single pass.
 */
final class SampleStream {

    private SampleStream() {
    }

    /** The batch in {@code body}, or null when {@link SampleParser} must decide (a problem, or a rare shape). */
    static SampleBatch tryParse(JsonFactory json, byte[] body, long latestAllowed, SeriesRules rules) {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<Sample> samples = new ArrayList<>();
            String lastTime = null;
            long lastMillis = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT || samples.size() >= rules.limits().maxSamplesPerRequest()) {
                    return null;
                }
                String metric = null;
                Map<String, String> labels = null;
                double value = 0;
                boolean hasValue = false;
                long timestamp = -1;
                for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (field) {
                        case "metric" -> {
                            if (metric != null || v != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            metric = p.getText();
                            if (rules.metricName(metric) != null) {
                                return null;
                            }
                        }
                        case "labels" -> {
                            if (labels != null || v != JsonToken.START_OBJECT) {
                                return null;
                            }
                            labels = labels(p, rules);
                            if (labels == null) {
                                return null;
                            }
                        }
                        case "value" -> {
                            if (hasValue || v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                                return null;
                            }
                            value = p.getDoubleValue();
                            hasValue = true;
                            if (!Double.isFinite(value)) {
                                return null;
                            }
                        }
                        case "timestamp" -> {
                            if (timestamp >= 0) {
                                return null;
                            }
                            if (v == JsonToken.VALUE_STRING) {
                                String text = p.getText();
                                if (!text.equals(lastTime)) { // a batch mostly shares one time: parsed once
                                    lastMillis = Timestamps.parse(TextNode.valueOf(text), "timestamp");
                                    lastTime = text;
                                }
                                timestamp = lastMillis;
                            } else if (v == JsonToken.VALUE_NUMBER_INT
                                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                                timestamp = Timestamps.parse(LongNode.valueOf(p.getLongValue()), "timestamp");
                            } else {
                                return null;
                            }
                        }
                        default -> {
                            return null;
                        }
                    }
                }
                if (t != JsonToken.END_OBJECT || metric == null || !hasValue || timestamp < 0
                        || SeriesRules.timestampProblem(timestamp, latestAllowed) != null) {
                    return null;
                }
                samples.add(new Sample(KnownSeries.canonical(new SeriesKey(metric, labels == null ? Map.of() : labels)),
                        value, timestamp));
            }
            if (p.nextToken() != null) {
                return null; // trailing content
            }
            return new SampleBatch(samples);
        } catch (IOException | InvalidInputException | IllegalArgumentException e) {
            return null; // malformed, or a value the general path words: it parses the body again
        }
    }

    /** A sample's labels (the parser is on the object's start), or null to leave it to {@link SampleParser}. */
    private static Map<String, String> labels(JsonParser p, SeriesRules rules) throws IOException {
        Map<String, String> labels = new HashMap<>();
        int count = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING || ++count > rules.limits().maxLabels()
                    || rules.labelName(name) != null) {
                return null;
            }
            String value = p.getText();
            if (rules.labelValue(value) != null || labels.put(name, value) != null) {
                return null; // a problem, or a duplicate name
            }
        }
        labels.values().removeIf(String::isEmpty); // as in Prometheus, an empty value is no label
        return labels;
    }
}
