package io.tocsin.engine;

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
final class RuleSources {

    static final String INDEX = "META-INF/tocsin-rules.index";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S+)");

    /** A DRL file relative to {@code rules/} and a 1-based line; {@code file} is null when unknown. */
    record Location(String file, int line) {
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
        for (String file : index.split("\\R")) {
            String text = file.isBlank() ? null : read(file.trim());
            if (text != null) {
                scan(file.trim(), text, found);
            }
        }
        return found;
    }

    /** SHA-256 (hex) of each DRL file the knowledge base was built from, by path relative to {@code rules/}. */
    static Map<String, String> checksums() {
        Map<String, String> sums = new java.util.TreeMap<>();
        String index = read(INDEX);
        if (index == null) {
            return sums;
        }
        for (String file : index.split("\\R")) {
            String text = file.isBlank() ? null : read(file.trim());
            if (text != null) {
                try {
                    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
                    sums.put(file.trim(), java.util.HexFormat.of().formatHex(digest));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e); // every JDK has SHA-256
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
