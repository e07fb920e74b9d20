package io.tocsin.testing;

import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.Sample;
import java.time.Instant;
import java.util.Map;

/** Samples for tests, by metric, labels, value and time. One place, so tests do not each build their own. */
public final class Samples {

    private Samples() {
    }

    public static Sample sample(String metric, Map<String, String> labels, double value, long epochMillis) {
        return new Sample(new SeriesKey(metric, labels), value, epochMillis);
    }

    /** One sample as the JSON the samples endpoint takes. */
    public static String json(String metric, Map<String, String> labels, double value, long epochMillis) {
        StringBuilder out = new StringBuilder("{\"metric\":\"").append(metric).append("\",\"labels\":{");
        labels.forEach((k, v) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ",").append('"').append(k)
                .append("\":\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return out.append("},\"value\":").append(value).append(",\"timestamp\":\"")
                .append(Instant.ofEpochMilli(epochMillis)).append("\"}").toString();
    }
}
