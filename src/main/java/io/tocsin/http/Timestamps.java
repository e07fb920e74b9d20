package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** RFC 3339 strings and epoch milliseconds, as the API accepts them everywhere. */
public final class Timestamps {

    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    /** The latest time accepted anywhere: 9999-12-31T23:59:59.999Z, so no time arithmetic can overflow. */
    public static final long LATEST = 253_402_300_799_999L;

    private Timestamps() {
    }

    /** Epoch milliseconds (sub-millisecond digits are truncated, as Prometheus does). */
    public static long parse(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(at, "required");
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong() || node.longValue() < 0) {
                throw new InvalidInputException(at, "epoch milliseconds must be a non-negative integer");
            }
            return inRange(node.longValue(), at);
        }
        if (node.isTextual()) {
            String text = node.textValue();
            if (RFC_3339.matcher(text).matches()) {
                try {
                    String normal = text.replace(' ', 'T').replace('t', 'T').replace('z', 'Z');
                    return inRange(OffsetDateTime.parse(normal, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant().toEpochMilli(), at);
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(at, "'" + text + "' is not a valid date and time");
                }
            }
            throw new InvalidInputException(at,
                    "'" + text + "' is not an RFC 3339 time such as 2025-10-18T15:32:00Z");
        }
        throw new InvalidInputException(at, "expected an RFC 3339 string or epoch milliseconds");
    }

    private static long inRange(long epochMillis, String at) {
        if (epochMillis < 0 || epochMillis > LATEST) {
            throw new InvalidInputException(at, "out of range: times lie between 1970-01-01T00:00:00Z and"
                    + " 9999-12-31T23:59:59.999Z");
        }
        return epochMillis;
    }
}
