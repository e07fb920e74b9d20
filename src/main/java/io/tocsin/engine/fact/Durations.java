package io.tocsin.engine.fact;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Prometheus notation ({@code 30s}, {@code 2m}, {@code 1h30m}, {@code 0}), as SREs write them
 * in rule metadata and DRL. Parsed values are cached: rules evaluate the same few literals on every clock tick.
 */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w|y))+|0");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final Map<String, Long> CACHE = new ConcurrentHashMap<>();

    private Durations() {
    }

    /** Milliseconds in {@code text}; throws {@link IllegalArgumentException} naming the text if it is not a duration. */
    public static long millis(String text) {
        Long cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        long parsed = parse(text);
        CACHE.put(text, parsed);
        return parsed;
    }

    /**
     * Like {@link #millis} without the cache, for text from requests (the cache is for the few literals of the
     * rules); may also throw {@link ArithmeticException} for a duration longer than a {@code long} holds.
     */
    public static long parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 30s, 5m, 1h30m)");
        }
        long total = 0;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = Math.addExact(total, Math.multiplyExact(n, unitMillis(part.group(2))));
        }
        return total;
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            case "w" -> 7 * 86_400_000L;
            case "y" -> 365 * 86_400_000L;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** Formats milliseconds the way Prometheus prints durations: {@code 1h30m}, {@code 2m}, {@code 0s}. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (rest >= units[i]) {
                out.append(rest / units[i]).append(names[i]);
                rest %= units[i];
            }
        }
        return out.toString();
    }

    /**
     * A time relative to a deployment's start the way runbooks write it, in hours (never days) and minutes:
     * {@code T+15m}, {@code T+6h}, {@code T+36h}, {@code T+3h55m}, {@code T+0}; seconds only if there are any.
     */
    public static String offset(long millis) {
        String sign = millis < 0 ? "T-" : "T+";
        long rest = Math.abs(millis);
        long hours = rest / 3_600_000L;
        long minutes = rest / 60_000L % 60;
        long seconds = rest / 1_000L % 60;
        if (rest < 1_000L) {
            return "T+0";
        }
        return sign + (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "")
                + (seconds > 0 ? seconds + "s" : "");
    }
}
