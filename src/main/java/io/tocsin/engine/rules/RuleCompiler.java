package io.tocsin.engine.rules;

import io.tocsin.engine.rules.RuleSources.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;

/**
 * Compiles rule packs from a folder at run time (JVM only: a native binary carries the rules compiled at build
 * time): the same preparation as the build ({@link PackScope}), the same executable model, STREAM mode, a pseudo
 * clock. Errors come back as {@code file:line: message}, with paths relative to the folder.
 *
 * <p>Each compilation gets a release id of its own, and its classes are loaded by a loader that hides the
 * build-time project model, which would otherwise be found first and bring the old rules back.
 */
public final class RuleCompiler {

    /** Compiled rules: sessions of them, where each rule is written, and the SHA-256 of each source file. */
    public record Compiled(KieBase base, Map<String, Location> locations, Map<String, String> checksums) {

        public KieSession newSession() {
            KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
            conf.setOption(ClockTypeOption.PSEUDO);
            return base.newKieSession(conf, null);
        }

        public RuleCatalog catalog() {
            return RuleCatalog.of(base, locations, checksums);
        }

        /** These rules as a rule set, compiled from {@code origin}. */
        public RuleSet ruleSet(String origin) {
            return new RuleSet(this::newSession, catalog(), origin);
        }
    }

    /** The rules did not compile; {@link #problems()} are {@code file:line: message}. */
    public static final class CompileException extends RuntimeException {
        private final List<String> problems;

        CompileException(List<String> problems) {
            super("rules do not compile:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final AtomicLong BUILDS = new AtomicLong();

    private RuleCompiler() {
    }

    /** Compiles every {@code <pack>/**.drl} under {@code folder} (the {@code tests} folder is left out). */
    public static Compiled compile(Path folder) {
        return compile(sources(folder));
    }

    /** The text of every {@code <pack>/**.drl} under {@code folder} by relative path, {@code tests} left out. */
    public static Map<String, String> sources(Path folder) {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (!relative.startsWith("tests/")) {
                    sources.put(relative, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + folder, e);
        }
        return sources;
    }

    /** SHA-256 (hex) of each source by path, as the build's index lists them. */
    public static Map<String, String> checksums(Map<String, String> sources) {
        Map<String, String> sums = new java.util.TreeMap<>();
        sources.forEach((path, text) -> sums.put(path, PackScope.sha256(text.getBytes(StandardCharsets.UTF_8))));
        return sums;
    }

    /** Compiles DRL sources by path ({@code pack/file.drl}). */
    public static Compiled compile(Map<String, String> sources) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId release = ks.newReleaseId("io.tocsin.rules", "runtime", "1." + BUILDS.incrementAndGet());
        KieFileSystem files = ks.newKieFileSystem();
        files.generateAndWritePomXML(release);
        Map<String, Location> locations = new LinkedHashMap<>();
        Map<String, String> checksums = new LinkedHashMap<>();
        sources.forEach((path, text) -> {
            files.write("src/main/resources/" + path, PackScope.scope(text));
            RuleSources.scan(path, text, locations);
            checksums.put(path, PackScope.sha256(text.getBytes(StandardCharsets.UTF_8)));
        });
        KieBuilder builder = ks.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        List<String> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "" : m.getPath().replaceFirst("^src/main/resources/", "");
            int line = precise(sources.get(path), Math.max(m.getLine(), 0), m.getText());
            problems.add((path.isEmpty() ? "rules" : path) + ":" + line + ": " + m.getText().strip());
        }
        if (!problems.isEmpty()) {
            throw new CompileException(problems);
        }
        KieContainer container = ks.newKieContainer(release, new HidingLoader(RuleCompiler.class.getClassLoader()));
        KieBaseConfiguration conf = ks.newKieBaseConfiguration();
        conf.setOption(EventProcessingOption.STREAM);
        return new Compiled(container.newKieBase(conf), locations, checksums);
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^'\\n]{3,})'");

    /**
     * Drools puts errors in a rule's conditions on the line where the rule starts. When the message quotes the
     * offending text ({@code Predicate 'value >>> 1' must be a Boolean expression}), the line that holds it, between
     * there and the rule's {@code end}, is where the SRE must look.
     */
    static int precise(String text, int line, String message) {
        java.util.regex.Matcher quoted = QUOTED.matcher(message);
        if (text == null || line < 1 || !quoted.find()) {
            return line;
        }
        String snippet = quoted.group(1).strip();
        String[] lines = text.split("\\R", -1);
        for (int i = line - 1; i < lines.length; i++) {
            if (lines[i].contains(snippet)) {
                return i + 1;
            }
            if (i > line - 1 && lines[i].strip().equals("end")) {
                break;
            }
        }
        return line;
    }

    /** Hides the build-time project model, so the model compiled here is the one found. */
    private static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.drools.project.model.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
