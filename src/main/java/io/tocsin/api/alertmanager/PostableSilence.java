package io.tocsin.api.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.api.Limited;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alertmanager's {@code postableSilence}, read leniently as its clients write it: {@code matchers} (at least one;
 * {@code isEqual} defaults to true, {@code isRegex} to false; at least one must not match the empty string, as
 * Alertmanager requires), {@code endsAt} and a {@code comment} are required; {@code startsAt} defaults to engine
 * time; {@code createdBy} and {@code id} are optional; other fields (those of a gettable silence sent back) are
 * ignored. The limits of {@code /api/v1/silences} apply (README "Limits"): matchers per silence, sizes of names,
 * values and comments, regexes in RE2 syntax of bounded length. A problem is an {@link InvalidInputException}
 * naming the field, so the refusal reaches the audit trail like any other.
 */
record PostableSilence(String id, List<Matcher> matchers, Long startsAt, long endsAt, String createdBy,
        String comment) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    static PostableSilence parse(String body, ObjectMapper json, TocsinConfig.Limits limits) {
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "expected a silence object");
        }
        Long startsAt = time(node, "startsAt");
        Long endsAt = time(node, "endsAt");
        if (endsAt == null) {
            throw new InvalidInputException("endsAt", "required");
        }
        String comment = Limited.text(text(node, "comment"), "comment", limits.maxTextBytes());
        if (comment == null || comment.isBlank()) {
            throw new InvalidInputException("comment", "required: say why the alerts are silenced");
        }
        String id = Limited.text(text(node, "id"), "id", limits.maxTextBytes());
        return new PostableSilence(id == null || id.isEmpty() ? null : id, matchers(node.get("matchers"), limits),
                startsAt, endsAt, Limited.text(text(node, "createdBy"), "createdBy", limits.maxTextBytes()), comment);
    }

    private static Long time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Timestamps.parse(value, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "expected a string");
        }
        return value.textValue();
    }

    private static List<Matcher> matchers(JsonNode node, TocsinConfig.Limits limits) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidInputException("matchers", "required: a non-empty array of {name, value, isRegex, isEqual}");
        }
        Limited.matcherCount(node.size(), "matchers", limits);
        List<Matcher> matchers = new ArrayList<>();
        boolean allMatchEmpty = true;
        for (int i = 0; i < node.size(); i++) {
            String at = "matchers[" + i + "]";
            JsonNode m = node.get(i);
            if (m == null || !m.isObject()) {
                throw new InvalidInputException(at, "expected {name, value, isRegex, isEqual}");
            }
            String name = text(m, "name");
            if (name == null || !LABEL_NAME.matcher(name).matches()) {
                throw new InvalidInputException(at + ".name", name == null ? "required" : "not a label name");
            }
            String value = text(m, "value");
            if (value == null) {
                throw new InvalidInputException(at + ".value", "required");
            }
            boolean isRegex = bool(m, "isRegex", false, at);
            boolean isEqual = bool(m, "isEqual", true, at);
            Limited.matcher(name, value, isRegex, at, limits);
            Matcher matcher;
            try {
                matcher = Matcher.of(name, value, isRegex, isEqual);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at + ".value", e.getMessage());
            }
            allMatchEmpty &= matcher.matches("", java.util.Map.of()); // an empty alert name and no labels
            matchers.add(matcher);
        }
        if (allMatchEmpty) {
            throw new InvalidInputException("matchers", "at least one matcher must not match the empty string");
        }
        return matchers;
    }

    private static boolean bool(JsonNode m, String field, boolean fallback, String at) {
        JsonNode value = m.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(at + "." + field, "expected true or false");
        }
        return value.booleanValue();
    }
}
