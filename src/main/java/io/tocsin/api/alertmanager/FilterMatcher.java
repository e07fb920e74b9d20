package io.tocsin.api.alertmanager;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.tocsin.engine.silence.Matcher;
import java.util.Map;

/**
 * One matcher of a {@code filter} query parameter, in Alertmanager's matcher syntax ({@code pkg/labels/parse.go}
 * of 0.25): a label name, one of {@code =}, {@code !=}, {@code =~}, {@code !~}, and a value that may be
 * double-quoted with {@code \"}, {@code \n} and {@code \\} escapes; whitespace around each part is dropped.
 * Regexes are anchored, RE2 syntax as in Alertmanager, and run with RE2/J in time linear in the value (at most
 * {@link Matcher#MAX_REGEX_LENGTH} characters), so a filter cannot stall the thread that matches it. Matching follows {@code api/v2/api.go}: a matcher with an empty value also matches an
 * alert without the label ({@code =}, {@code =~}), or one with it ({@code !=}, {@code !~}).
 */
record FilterMatcher(String name, Type type, String value, Pattern pattern) {

    enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        final String operator;

        Type(String operator) {
            this.operator = operator;
        }

        boolean regex() {
            return this == REGEX || this == NOT_REGEX;
        }

        boolean equal() {
            return this == EQUAL || this == REGEX;
        }
    }

    // '=~' before '=', so that '~' is not taken as the first character of the value
    private static final java.util.regex.Pattern SYNTAX =
            java.util.regex.Pattern.compile("^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");

    /** Parses one matcher; throws {@link IllegalArgumentException} with Alertmanager's wording. */
    static FilterMatcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher format: " + text);
        }
        Type type = switch (m.group(2)) {
            case "=" -> Type.EQUAL;
            case "!=" -> Type.NOT_EQUAL;
            case "=~" -> Type.REGEX;
            default -> Type.NOT_REGEX;
        };
        String value = unquote(m.group(3));
        Pattern pattern = null;
        if (type.regex()) {
            if (value.length() > Matcher.MAX_REGEX_LENGTH) {
                throw new IllegalArgumentException("a regular expression of " + value.length()
                        + " characters; at most " + Matcher.MAX_REGEX_LENGTH);
            }
            try {
                pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression in " + text + ": "
                        + e.getDescription());
            }
        }
        return new FilterMatcher(m.group(1), type, value, pattern);
    }

    /** OpenMetrics unescaping of the value; a leading '"' needs a trailing one, and no other may be unescaped. */
    private static String unquote(String raw) {
        boolean quoted = raw.startsWith("\"");
        String rest = quoted ? raw.substring(1) : raw;
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        boolean closed = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c); // a spurious escape is a literal backslash
                }
                continue;
            }
            if (c == '\\') {
                if (i < rest.length() - 1) {
                    escaped = true;
                } else {
                    value.append('\\');
                }
            } else if (c == '"') {
                if (!quoted || i < rest.length() - 1) {
                    throw new IllegalArgumentException("matcher value contains unescaped double quote: " + raw);
                }
                closed = true;
            } else {
                value.append(c);
            }
        }
        if (quoted && !closed) {
            throw new IllegalArgumentException("matcher value contains unescaped double quote: " + raw);
        }
        return value.toString();
    }

    /** Whether an alert with these labels passes this filter matcher. */
    boolean matches(Map<String, String> labels) {
        String actual = labels.get(name);
        boolean present = actual != null;
        if (value.isEmpty() && (type.equal() ? !present : present)) {
            return true;
        }
        String v = present ? actual : "";
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matches(v);
            case NOT_REGEX -> !pattern.matches(v);
        };
    }

    /** Whether a silence has exactly this matcher (same name, type and value), as Alertmanager filters silences. */
    boolean sameAs(Matcher m) {
        return name.equals(m.name()) && value.equals(m.value()) && type.regex() == m.isRegex()
                && type.equal() == m.isEqual();
    }

    @Override
    public String toString() {
        return name + type.operator + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                + "\"";
    }
}
