package io.tocsin.api;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.http.InvalidInputException;
import java.nio.charset.StandardCharsets;

/**
 * Size checks of operator text (README "Limits"): comments, reasons, versions, silence matchers. Shared by the
 * v1 API and the Alertmanager v2 API, so a silence is held to the same limits whichever way it comes in.
 */
public final class Limited {

    private Limited() {
    }

    /** {@code value} (null passes) if it is at most {@code maxBytes} in UTF-8, else a 400 naming {@code field}. */
    public static String text(String value, String field, int maxBytes) {
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

    /** At most {@code tocsin.limits.max-matchers} matchers in one silence. */
    public static void matcherCount(int count, String field, TocsinConfig.Limits limits) {
        if (count > limits.maxMatchers()) {
            throw new InvalidInputException(field, count + " matchers, more than " + limits.maxMatchers()
                    + " (tocsin.limits.max-matchers)", "matchers");
        }
    }

    /**
     * The sizes of one matcher ({@code at} names it, e.g. {@code matchers[2]}): a label name of at most
     * {@code max-label-name-bytes}, a value of at most {@code max-label-value-bytes}, and a regex of at most
     * {@link Matcher#MAX_REGEX_LENGTH} characters. The label name's syntax is the caller's to check.
     */
    public static void matcher(String name, String value, boolean isRegex, String at, TocsinConfig.Limits limits) {
        if (name.length() > limits.maxLabelNameBytes()) {
            throw new InvalidInputException(at + ".name", "not a label name (at most " + limits.maxLabelNameBytes()
                    + " characters)", "label-name-length");
        }
        text(value, at + ".value", limits.maxLabelValueBytes(), "tocsin.limits.max-label-value-bytes");
        if (isRegex && value.length() > Matcher.MAX_REGEX_LENGTH) {
            throw new InvalidInputException(at + ".value", "a regular expression of at most "
                    + Matcher.MAX_REGEX_LENGTH + " characters", "regex-length");
        }
    }
}
