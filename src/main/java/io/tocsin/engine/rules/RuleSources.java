package io.tocsin.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each rule is written. The compiled (executable-model) knowledge base keeps no source file per rule, so
 * the build indexes the DRL files of {@code rules/} in {@code META-INF/tocsin-rules.index} and ships them in
 * the jar; this reads each file's {@code package} and {@code rule} declarations.
 */
public final class RuleSources {

    static final String INDEX = PackScope.INDEX;
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S+)");

    /** A DRL file relative to {@code rules/} and a 1-based line; {@code file} is null when unknown. */
    public record Location(String file, int line) {
    }

    private RuleSources() {
    }

    /** Package-qualified rule name → where it is declared. */
    static Map<String, Location> locate() {
        Map<String, Location> found = new HashMap<>();
        String index = read(INDEX);
        if (index == null) {
            return found;
        }
        for (String[] entry : entries(index)) {
            String text = read(entry[0]);
            if (text != null) {
                scan(entry[0], text, found);
            }
        }
        return found;
    }

    /** Index lines: {@code path sha256}. */
    private static java.util.List<String[]> entries(String index) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        for (String line : index.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.trim().split("\\s+"));
            }
        }
        return out;
    }

    /**
     * SHA-256 (hex) of the source of each DRL file the knowledge base was built from, by path relative to
     * {@code rules/}: what an SRE gets from {@code sha256sum rules/genesis/slo.drl}.
     */
    public static Map<String, String> checksums() {
        Map<String, String> sums = new java.util.TreeMap<>();
        String index = read(INDEX);
        if (index != null) {
            for (String[] entry : entries(index)) {
                if (entry.length > 1) {
                    sums.put(entry[0], entry[1]);
                }
            }
        }
        return sums;
    }

    static void scan(String file, String text, Map<String, Location> found) {
        String pkg = "";
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher p = PACKAGE.matcher(lines[i]);
            if (p.find()) {
                pkg = p.group(1);
                continue;
            }
            Matcher r = RULE.matcher(lines[i]);
            if (r.find()) {
                String name = r.group(1);
                if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '\'')) {
                    name = name.substring(1, name.length() - 1);
                }
                found.putIfAbsent(pkg + "." + name, new Location(file, i + 1));
            }
        }
    }

    private static String read(String resource) {
        try (InputStream in = RuleSources.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
