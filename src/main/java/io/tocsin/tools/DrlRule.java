package io.tocsin.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a DRL file as text, for checks that read what an SRE wrote: its name, the line it starts on, its
 * metadata lines, and its conditions ({@code when} to {@code then}) with their line numbers. Comments are blanked
 * out; lines keep their numbers.
 */
record DrlRule(String name, int line, String header, List<Line> conditions, List<Line> consequence) {

    /** A line of a rule's text, numbered as in the file. */
    record Line(int number, String text) {
    }

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S+)");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\b");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*$");

    /** The rules of a DRL file. */
    static List<DrlRule> of(String drl) {
        String[] lines = withoutComments(drl).split("\n", -1);
        List<DrlRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher r = RULE.matcher(lines[i]);
            if (!r.find()) {
                continue;
            }
            String name = r.group(1).replaceAll("^[\"']|[\"']$", "");
            int start = i;
            StringBuilder header = new StringBuilder();
            List<Line> when = new ArrayList<>();
            List<Line> then = new ArrayList<>();
            int part = 0;
            for (; i < lines.length; i++) {
                if (part == 0 && WHEN.matcher(lines[i]).find()) {
                    part = 1;
                } else if (part == 1 && THEN.matcher(lines[i]).find()) {
                    part = 2;
                } else if (part == 2 && END.matcher(lines[i]).find()) {
                    break;
                } else if (part == 0) {
                    header.append(lines[i]).append('\n');
                } else {
                    (part == 1 ? when : then).add(new Line(i + 1, lines[i]));
                }
            }
            rules.add(new DrlRule(name, start + 1, header.toString(), when, then));
        }
        return rules;
    }

    /** The conditions as one text. */
    String conditionText() {
        StringBuilder out = new StringBuilder();
        conditions.forEach(l -> out.append(l.text()).append('\n'));
        return out.toString();
    }

    /** Blanks // and /* *&#47; comments (keeping line breaks), leaving string literals alone. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, text.length());
                out.append(text, i, j);
                i = j;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                int stop = close < 0 ? text.length() : close + 2;
                for (; i < stop; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
