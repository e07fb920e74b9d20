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
            long fast = fastRfc3339(text);
            if (fast != NOT_SIMPLE) {
                return inRange(fast, at); // a year before 1970 or an offset past 9999-12-31
            }
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

    static final long NOT_SIMPLE = Long.MIN_VALUE;

    /**
     * Epoch milliseconds of a well-formed RFC 3339 time ({@code 2025-10-18T15:32:00.123Z},
     * {@code ...+02:00}) without regular expressions or {@code java.time} objects: ingest parses one per sample.
     * Anything it does not accept (other shapes, out-of-range fields) returns {@link #NOT_SIMPLE}, and the general
     * path decides, with its error messages.
     */
    static long fastRfc3339(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return NOT_SIMPLE;
        }
        char sep = t.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return NOT_SIMPLE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_SIMPLE;
        }
        int i = 19;
        int millis = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (t.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return NOT_SIMPLE;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        long offset;
        if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offset = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || oh == 18 && om > 0) {
                return NOT_SIMPLE;
            }
            offset = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3_600_000L + om * 60_000L);
        } else {
            return NOT_SIMPLE;
        }
        return daysFromCivil(year, month, day) * 86_400_000L + hour * 3_600_000L + minute * 60_000L
                + second * 1000L + millis - offset;
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
