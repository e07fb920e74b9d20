package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.http.InvalidInputException;
import java.util.Iterator;
import java.util.Set;

/** Field-by-field reading of small JSON request bodies, failing with the field's name. */
public final class JsonInput {

    private final JsonNode node;
    private final String at;

    private JsonInput(JsonNode node, String at) {
        this.node = node;
        this.at = at;
    }

    /** The body as an object whose fields are all among {@code allowed}. */
    public static JsonInput object(JsonNode body, Set<String> allowed) {
        return object(body, "", allowed);
    }

    public static JsonInput object(JsonNode node, String at, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(at.isEmpty() ? "body" : at, "expected a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidInputException(field(at, name), "unknown field (expected one of " + allowed + ")");
            }
        }
        return new JsonInput(node, at);
    }

    public JsonNode get(String name) {
        return node.get(name);
    }

    public String field(String name) {
        return field(at, name);
    }

    private static String field(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    public String requiredText(String name) {
        String text = optionalText(name);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field(name), "required");
        }
        return text;
    }

    public String optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field(name), "expected a string");
        }
        return value.textValue();
    }

    public boolean optionalBoolean(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(field(name), "expected true or false");
        }
        return value.booleanValue();
    }

    /** An RFC 3339 time or epoch milliseconds, or null when absent. */
    public Long optionalTime(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : Timestamps.parse(value, field(name));
    }
}
