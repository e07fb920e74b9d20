package io.tocsin.engine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Prepares the DRL of the rule packs for compilation, so SREs write less Java:
 * <ul>
 * <li>a pack's rules see only that pack's alerts: in a rule's conditions, every {@code Alert( .. )},
 * {@code Criterion( .. )} and {@code Violation( .. )} pattern gets {@code pack == "<package>"} as its first
 * constraint (unless the rule is marked {@code @allPacks});</li>
 * <li>the rule functions ({@code breach}, {@code duration}) are imported into every file.</li>
 * </ul>
 * Both are added on the lines where they belong, so line numbers, which errors and the rules API report, stay
 * those of the source. The build runs this as a program ({@code java PackScope.java rules out}), so it uses the
 * JDK only; reloading rules at run time uses the same {@link #scope} method.
 */
public final class PackScope {

    /** The import every pack gets; kept on the {@code package} line. */
    public static final String FUNCTIONS = "import function io.tocsin.engine.fact.Rules.*;";
    /** The index of rule files in the jar: relative path and SHA-256 of the source, one file per line. */
    public static final String INDEX = "META-INF/tocsin-rules.index";
    private static final Set<String> SCOPED = Set.of("Alert", "Criterion", "Violation");

    private PackScope() {
    }

    /** {@code PackScope <rules dir> <output dir>}: writes every scoped DRL file and the index. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java PackScope.java <rules dir> <output dir>");
            System.exit(2);
        }
        Path rules = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> index = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rules)) {
            files = walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        for (Path file : files) {
            String relative = rules.relativize(file).toString().replace('\\', '/');
            byte[] source = Files.readAllBytes(file);
            Path target = out.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.writeString(target, scope(new String(source, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            index.add(relative + " " + sha256(source));
        }
        Path indexFile = out.resolve(INDEX);
        Files.createDirectories(indexFile.getParent());
        Files.write(indexFile, index, StandardCharsets.UTF_8);
    }

    /** Hex SHA-256 of a rule file's source. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** The DRL text of one file, scoped to its package and with the rule functions imported. */
    public static String scope(String drl) {
        StringBuilder out = new StringBuilder(drl.length() + 256);
        Scanner s = new Scanner(drl);
        String pack = null;
        boolean importsFunctions = drl.contains(FUNCTIONS);
        boolean allPacks = false;
        // OUTSIDE -> (rule) HEADER -> (when) CONDITIONS -> (then) CONSEQUENCE -> (a line "end") OUTSIDE
        int state = 0;
        int copied = 0;
        while (s.next()) {
            if (s.word == null) {
                continue;
            }
            String w = s.word;
            if (state == 0 && w.equals("package") && pack == null) {
                int semi = drl.indexOf(';', s.end);
                int eol = lineEnd(drl, s.end);
                pack = drl.substring(s.end, semi < 0 || semi > eol ? eol : semi).trim();
                if (!importsFunctions) {
                    int at = semi < 0 || semi > eol ? eol : semi + 1;
                    out.append(drl, copied, at).append(semi < 0 || semi > eol ? "; " : " ").append(FUNCTIONS);
                    copied = at;
                }
            } else if (state == 0 && w.equals("rule")) {
                state = 1;
                allPacks = false;
            } else if (state == 1 && w.equals("@allPacks")) {
                allPacks = true;
            } else if (state == 1 && w.equals("when")) {
                state = 2;
            } else if (state == 2 && w.equals("then")) {
                state = 3;
            } else if (state == 3 && w.equals("end") && s.aloneOnLine()) {
                state = 0;
            } else if (state == 2 && pack != null && !allPacks && SCOPED.contains(w) && s.isPattern()) {
                int paren = drl.indexOf('(', s.end);
                int close = s.emptyParens(paren) ? drl.indexOf(')', paren) : -1;
                if (close >= 0 && drl.substring(paren, close).indexOf('\n') < 0) {
                    out.append(drl, copied, paren).append("( pack == \"").append(pack).append("\" )");
                    copied = close + 1;
                } else {
                    out.append(drl, copied, paren + 1).append(" pack == \"").append(pack)
                            .append(close >= 0 ? "\" " : "\",");
                    copied = paren + 1;
                }
            }
        }
        out.append(drl, copied, drl.length());
        return out.toString();
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** Words of DRL code, skipping comments and string literals; {@code @name} counts as one word. */
    private static final class Scanner {
        private final String text;
        private int pos;
        String word;
        int start;
        int end;

        Scanner(String text) {
            this.text = text;
        }

        boolean next() {
            word = null;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
                    pos = lineEnd(text, pos);
                } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                    int close = text.indexOf("*/", pos + 2);
                    pos = close < 0 ? text.length() : close + 2;
                } else if (c == '"' || c == '\'') {
                    pos = skipString(pos, c);
                } else if (Character.isJavaIdentifierStart(c) || c == '@') {
                    start = pos;
                    pos++;
                    while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                        pos++;
                    }
                    end = pos;
                    word = text.substring(start, end);
                    return true;
                } else {
                    pos++;
                    return true;
                }
            }
            return false;
        }

        private int skipString(int from, char quote) {
            int i = from + 1;
            while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(i + 1, text.length());
        }

        /** The word starts a pattern: followed by '(' and not a member access or constructor call. */
        boolean isPattern() {
            int i = end;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length() || text.charAt(i) != '(') {
                return false;
            }
            int b = start - 1;
            while (b >= 0 && Character.isWhitespace(text.charAt(b))) {
                b--;
            }
            if (b >= 0 && text.charAt(b) == '.') {
                return false; // $x.getAlert(..)
            }
            int w = b;
            while (w >= 0 && Character.isJavaIdentifierPart(text.charAt(w))) {
                w--;
            }
            return !text.substring(w + 1, b + 1).equals("new"); // new Alert(..) in a condition is no pattern
        }

        boolean emptyParens(int open) {
            int i = open + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i < text.length() && text.charAt(i) == ')';
        }

        boolean aloneOnLine() {
            int ls = text.lastIndexOf('\n', start - 1) + 1;
            return text.substring(ls, start).isBlank() && text.substring(end, lineEnd(text, end)).strip()
                    .replaceFirst("^//.*", "").isEmpty();
        }
    }

    /** Reads a DRL file, for callers that have a path. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
