package io.tocsin.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One rule test file ({@code rules/tests/**}{@code /*.yaml}), read and checked field by field: a problem is
 * reported as {@code file: field: message}. Times are offsets from the start of the test (Prometheus durations).
 */
public record RuleTestFile(Path path, List<String> packs, long intervalMillis, List<InputSeries> series,
        List<Input> inputs, List<Check> checks, Map<String, String> settings) {

    /** One input series and its samples, one per interval ({@code null}: missing). */
    public record InputSeries(SeriesKey key, List<Double> values) {
    }

    /** Operator input or a dispatch outcome at a time: exactly one of the kinds is set. */
    public record Input(long at, String kind, Map<String, Object> fields) {
    }

    /** Expectations at one time. */
    public record Check(String name, long at, String alertname, List<ExpectedAlert> alerts,
            List<ExpectedAction> actions) {
    }

    /** An alert expected: name and state always, labels and priority when given. */
    public record ExpectedAlert(String name, String state, Map<String, String> labels, String priority) {
        @Override
        public String toString() {
            return name + (labels == null ? "" : io.tocsin.engine.fact.Labels.format(new TreeMap<>(labels))) + " "
                    + state + (priority == null ? "" : " " + priority);
        }
    }

    /**
     * An action expected since the previous check; unset fields match anything; {@code reason} matches an action
     * whose reason (an escalation's, an announcement's words) contains it; {@code status} is its delivery status
     * as recorded ({@code pending}, {@code silenced}, {@code dry-run}).
     */
    public record ExpectedAction(String type, String receiver, String destination, String alert, String reason,
            String status) {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(type == null ? "any" : type);
            if (receiver != null) {
                out.append(" ").append(receiver);
            }
            if (destination != null) {
                out.append(" ").append(destination);
            }
            if (alert != null) {
                out.append(" for ").append(alert);
            }
            if (reason != null) {
                out.append(" saying '").append(reason).append("'");
            }
            if (status != null) {
                out.append(" (").append(status).append(')');
            }
            return out.toString();
        }
    }

    private static final Set<String> TOP = Set.of("pack", "packs", "interval", "input_series", "inputs", "tests",
            "settings");
    private static final Set<String> INPUT_KINDS = Set.of("deployment", "ack", "silence", "rollback", "result",
            "signoff", "restart");
    private static final Set<String> STATES = Set.of("pending", "firing", "resolved");
    private static final Set<String> TYPES = Set.of("notify", "resolve", "escalate", "remediate", "rollback");
    private static final Set<String> STATUSES = Set.of("pending", "sent", "failed", "silenced", "dry-run");

    public static RuleTestFile read(Path path) throws IOException {
        JsonNode root = new YAMLMapper().readTree(path.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a YAML mapping with input_series and tests");
        }
        Fields top = new Fields(root, "", TOP);
        List<String> packs = new ArrayList<>();
        if (root.has("pack")) {
            packs.add(top.text("pack"));
        }
        if (root.has("packs")) {
            root.get("packs").forEach(p -> packs.add(p.asText()));
        }
        long interval = root.has("interval") ? top.duration("interval") : 60_000;
        if (interval <= 0) {
            throw new IllegalArgumentException("interval: must be more than 0");
        }
        List<InputSeries> series = new ArrayList<>();
        JsonNode inputSeries = top.list("input_series");
        for (int i = 0; i < inputSeries.size(); i++) {
            Fields s = new Fields(inputSeries.get(i), "input_series[" + i + "]", Set.of("series", "values"));
            SeriesKey key = s.parse("series", SeriesNotation::selector);
            List<Double> values = s.parse("values", SeriesNotation::values);
            series.add(new InputSeries(key, values));
        }
        List<Input> inputs = new ArrayList<>();
        JsonNode inputList = root.has("inputs") ? top.list("inputs") : null;
        for (int i = 0; inputList != null && i < inputList.size(); i++) {
            Set<String> allowed = new java.util.HashSet<>(INPUT_KINDS);
            allowed.add("at");
            JsonNode item = inputList.get(i);
            Fields in = new Fields(item, "inputs[" + i + "]", allowed);
            List<String> kinds = INPUT_KINDS.stream().filter(item::has).sorted().toList();
            if (kinds.size() != 1) {
                throw new IllegalArgumentException(in.at + ": needs exactly one of " + new java.util.TreeSet<>(INPUT_KINDS));
            }
            JsonNode body = item.get(kinds.get(0));
            if (!body.isObject()) {
                throw new IllegalArgumentException(in.at + "." + kinds.get(0) + ": expected a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = new YAMLMapper().convertValue(body, Map.class);
            inputs.add(new Input(in.duration("at"), kinds.get(0), fields));
        }
        List<Check> checks = new ArrayList<>();
        JsonNode tests = top.list("tests");
        for (int i = 0; i < tests.size(); i++) {
            checks.add(check(tests.get(i), "tests[" + i + "]"));
        }
        Map<String, String> settings = new TreeMap<>();
        if (root.has("settings")) {
            JsonNode node = root.get("settings");
            if (!node.isObject()) {
                throw new IllegalArgumentException("settings: expected a mapping of packs to their setting overrides,"
                        + " e.g. {genesis: {critical-replaces-warning: true}}");
            }
            node.fields().forEachRemaining(pack -> {
                if (!pack.getValue().isObject()) {
                    throw new IllegalArgumentException("settings." + pack.getKey() + ": expected a mapping of setting"
                            + " names to values");
                }
                pack.getValue().fields().forEachRemaining(e -> settings.put(pack.getKey() + "." + e.getKey(),
                        e.getValue().asText()));
            });
        }
        return new RuleTestFile(path, packs, interval, series, inputs, checks, Map.copyOf(settings));
    }

    private static Check check(JsonNode node, String at) {
        Fields c = new Fields(node, at, Set.of("name", "at", "alertname", "alerts", "actions"));
        long time = c.duration("at");
        String alertname = node.has("alertname") ? c.text("alertname") : null;
        List<ExpectedAlert> alerts = null;
        if (node.has("alerts")) {
            alerts = new ArrayList<>();
            JsonNode list = c.list("alerts");
            for (int i = 0; i < list.size(); i++) {
                Fields a = new Fields(list.get(i), at + ".alerts[" + i + "]", Set.of("name", "state", "labels", "priority"));
                String name = list.get(i).has("name") ? a.text("name") : alertname;
                if (name == null) {
                    throw new IllegalArgumentException(a.at + ".name: required (or set alertname on the test)");
                }
                String state = list.get(i).has("state") ? a.oneOf("state", STATES) : "firing";
                alerts.add(new ExpectedAlert(name, state, a.labels("labels"),
                        list.get(i).has("priority") ? a.text("priority") : null));
            }
        }
        List<ExpectedAction> actions = null;
        if (node.has("actions")) {
            actions = new ArrayList<>();
            JsonNode list = c.list("actions");
            for (int i = 0; i < list.size(); i++) {
                Fields a = new Fields(list.get(i), at + ".actions[" + i + "]",
                        Set.of("type", "receiver", "destination", "alert", "reason", "status"));
                actions.add(new ExpectedAction(list.get(i).has("type") ? a.oneOf("type", TYPES) : null,
                        a.optional("receiver"), a.optional("destination"), a.optional("alert"), a.optional("reason"),
                        list.get(i).has("status") ? a.oneOf("status", STATUSES) : null));
            }
        }
        if (alerts == null && actions == null) {
            throw new IllegalArgumentException(at + ": expects nothing (give alerts, actions or both; [] for none)");
        }
        String name = node.has("name") ? c.text("name") : null;
        return new Check(name, time, alertname, alerts, actions);
    }

    /** Field access with the path of each field in error messages. */
    private static final class Fields {
        final JsonNode node;
        final String at;

        Fields(JsonNode node, String at, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException((at.isEmpty() ? "file" : at) + ": expected a mapping");
            }
            this.at = at; // field() names unknown fields with it
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException(field(name) + ": unknown field (expected one of "
                            + new java.util.TreeSet<>(allowed) + ")");
                }
            }
            this.node = node;
        }

        String field(String name) {
            return at.isEmpty() ? name : at + "." + name;
        }

        String text(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw new IllegalArgumentException(field(name) + ": required");
            }
            return v.asText();
        }

        String optional(String name) {
            return node.has(name) ? text(name) : null;
        }

        String oneOf(String name, Set<String> allowed) {
            String value = text(name);
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException(field(name) + ": '" + value + "' is not one of "
                        + new java.util.TreeSet<>(allowed));
            }
            return value;
        }

        long duration(String name) {
            return parse(name, Durations::millis);
        }

        JsonNode list(String name) {
            JsonNode v = node.get(name);
            if (v == null || !v.isArray()) {
                throw new IllegalArgumentException(field(name) + ": expected a list");
            }
            return v;
        }

        Map<String, String> labels(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                return null;
            }
            if (!v.isObject()) {
                throw new IllegalArgumentException(field(name) + ": expected a mapping of label names to values");
            }
            Map<String, String> labels = new TreeMap<>();
            v.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            return labels;
        }

        <T> T parse(String name, java.util.function.Function<String, T> parser) {
            String text = text(name);
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field(name) + ": " + e.getMessage());
            }
        }
    }
}
