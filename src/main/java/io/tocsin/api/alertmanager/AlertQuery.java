package io.tocsin.api.alertmanager;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The parameters of {@code GET /api/v2/alerts} and {@code /alerts/groups}, with Alertmanager's meaning: without
 * {@code active} the unsilenced alerts are left out, without {@code silenced} the silenced ones; {@code inhibited}
 * and {@code unprocessed} are accepted (Tocsin neither inhibits nor holds alerts unprocessed); every
 * {@code filter} matcher must match; {@code receiver} is an anchored regex that one of the alert's receivers must
 * match (RE2, matched in linear time, as the filter's regexes). Each boolean defaults to true.
 */
record AlertQuery(boolean active, boolean silenced, List<FilterMatcher> filter, Pattern receiver) {

    static AlertQuery parse(String active, String silenced, String inhibited, String unprocessed,
            List<String> filter, String receiver) {
        bool("inhibited", inhibited);
        bool("unprocessed", unprocessed);
        return new AlertQuery(bool("active", active), bool("silenced", silenced), matchers(filter),
                receiverPattern(receiver));
    }

    static List<FilterMatcher> matchers(List<String> filter) {
        if (filter == null) {
            return List.of();
        }
        return java.util.stream.IntStream.range(0, filter.size()).mapToObj(i -> {
            try {
                return FilterMatcher.parse(filter.get(i));
            } catch (IllegalArgumentException e) {
                throw AlertmanagerApiError.badRequest("filter[" + i + "]", e.getMessage());
            }
        }).toList();
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw AlertmanagerApiError.badRequest(name, "'" + value + "' is not true or false");
        };
    }

    private static Pattern receiverPattern(String receiver) {
        if (receiver == null || receiver.isEmpty()) {
            return null; // amtool sends receiver= when none is asked for
        }
        if (receiver.length() > io.tocsin.engine.silence.Matcher.MAX_REGEX_LENGTH) {
            throw AlertmanagerApiError.badRequest("receiver", "a regular expression of at most "
                    + io.tocsin.engine.silence.Matcher.MAX_REGEX_LENGTH + " characters");
        }
        try {
            return Pattern.compile("^(?:" + receiver + ")$");
        } catch (PatternSyntaxException e) {
            throw AlertmanagerApiError.badRequest("receiver", "failed to parse receiver param: " + e.getDescription());
        }
    }

    /** The state and label filters (not the receiver). */
    boolean accepts(FiringAlert alert) {
        if (!active && alert.silencedBy().isEmpty()) {
            return false;
        }
        if (!silenced && !alert.silencedBy().isEmpty()) {
            return false;
        }
        return filter.stream().allMatch(m -> m.matches(alert.labels()));
    }

    boolean acceptsReceiver(String name) {
        return receiver == null || receiver.matches(name);
    }

    /** Some receiver of the alert matches the receiver filter (an alert without receivers only when unfiltered). */
    boolean acceptsReceivers(FiringAlert alert) {
        return receiver == null || alert.receivers().stream().anyMatch(this::acceptsReceiver);
    }
}
