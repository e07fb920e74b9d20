package io.tocsin.engine.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the two template forms Prometheus users put in alert summaries: {@code {{ $labels.name }}} and
 * {@code {{ $value }}}. Anything else is left as written, so a typo shows up in the summary, not as an error.
 */
public final class SummaryTemplate {

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*\\$(value|labels\\.([a-zA-Z_][a-zA-Z0-9_]*))\\s*}}");

    private SummaryTemplate() {
    }

    public static String render(String template, Map<String, String> labels, Double value) {
        if (template == null || !template.contains("{{")) {
            return template;
        }
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) != null ? labels.getOrDefault(m.group(2), "")
                    : value == null ? "" : formatValue(value);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String formatValue(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
