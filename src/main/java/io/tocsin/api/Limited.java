package io.tocsin.api;

import io.tocsin.http.InvalidInputException;
import java.nio.charset.StandardCharsets;

/** Size checks of operator text (README "Limits"): comments, reasons, versions, matcher values. */
final class Limited {

    private Limited() {
    }

    /** {@code value} (null passes) if it is at most {@code maxBytes} in UTF-8, else a 400 naming {@code field}. */
    static String text(String value, String field, int maxBytes) {
        return text(value, field, maxBytes, "tocsin.limits.max-text-bytes");
    }

    static String text(String value, String field, int maxBytes, String key) {
        if (value != null && value.length() > maxBytes / 3 // fast path: short enough whatever its characters
                && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidInputException(field, "longer than " + maxBytes + " bytes (" + key + ")",
                    "text-length");
        }
        return value;
    }
}
