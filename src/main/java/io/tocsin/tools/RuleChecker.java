package io.tocsin.tools;

import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.rules.RuleCompiler;
import io.tocsin.engine.fact.RuleInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.runtime.KieRuntimeBuilder;

/**
 * {@code tocsin check}: validates the rules tree and the configuration together and reports
 * {@code file:line: message} for each problem. Syntax errors in DRL already fail the build (with file and line);
 * this finds what compiles but cannot work: bad or missing metadata, duplicate alert names, receivers, commands
 * and escalation targets that rules name but configuration lacks, packs that are not compiled, invalid
 * configuration, and rule test files that cannot be read.
 */
@ApplicationScoped
public class RuleChecker {

    static final Set<String> RECEIVERS = Set.of("slack", "pagerduty", "email", "webhook", "alertmanager",
            "log");
    private static final Pattern NOTIFY = Pattern.compile("new\\s+Notify\\s*\\(\\s*[^,]+,\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern REMEDIATE = Pattern.compile("new\\s+Remediate\\s*\\(\\s*[^,]+,\\s*\"([^\"]*)\"");
    private static final Pattern ESCALATE = Pattern.compile("new\\s+Escalate\\s*\\(\\s*[^,]+,\\s*\"([^\"]*)\"");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\s*\\{\\{\\s*\\$(alert|deployment|(labels|params)\\.[a-zA-Z_][a-zA-Z0-9_]*)\\s*}}\\s*");

    @Inject
    KieRuntimeBuilder runtime;
    @Inject
    TocsinConfig config;

    /** Problems ({@code file:line: message}) and warnings ({@code file:line: warning: message}). */
    public record Report(List<String> problems, List<String> warnings) {
    }

    public List<String> check(Path rules) {
        return report(rules).problems();
    }

    /**
     * Compiles {@code rules} as the build would (DRL errors come back with file and line), then checks metadata,
     * names, what rules name against the configuration, and the conventions.
     */
    public Report report(Path rules) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RuleCompiler.Compiled compiled;
        try {
            compiled = RuleCompiler.compile(rules);
        } catch (RuleCompiler.CompileException e) {
            e.problems().forEach(p -> problems.add(rules.resolve(p).toString()));
            for (Path drl : files(rules, ".drl")) {
                Conventions.check(drl, read(drl), null, warnings); // they may explain the error
            }
            return new Report(problems, warnings);
        }
        RuleCatalog catalog = RuleCatalog.read(compiled.base(), compiled.locations());
        catalog.problems().forEach(p -> problems.add(p.replaceFirst("^rules/", rules.toString().replace('\\', '/') + "/")));
        duplicateNames(catalog, problems);
        Set<String> packs = catalog.packs();
        Set<String> shipped = shippedPacks();
        for (Path drl : files(rules, ".drl")) {
            if (!rules.relativize(drl).toString().startsWith("tests")) {
                checkDrl(rules, drl, shipped, problems);
                Conventions.check(drl, read(drl), catalog, warnings);
            }
        }
        checkConfig(packs, problems);
        Path tests = rules.resolve("tests");
        if (Files.isDirectory(tests)) {
            for (Path test : RuleTests.find(List.of(tests))) {
                try {
                    RuleTestFile.read(test);
                } catch (IOException | RuntimeException e) {
                    problems.add(test + ": " + e.getMessage());
                }
            }
        }
        return new Report(problems, warnings);
    }

    private static void duplicateNames(RuleCatalog catalog, List<String> problems) {
        Map<String, RuleInfo> first = new LinkedHashMap<>();
        for (RuleInfo rule : catalog.all()) {
            if (!rule.holdsConditions()) {
                continue;
            }
            RuleInfo earlier = first.putIfAbsent(rule.heldName(), rule);
            if (earlier != null) {
                problems.add(where(rule) + ": " + (rule.raisesAlert() ? "alert" : "criterion") + " name "
                        + rule.heldName() + " is already used by rule \"" + earlier.name() + "\" at " + where(earlier));
            }
        }
    }

    private void checkDrl(Path rules, Path drl, Set<String> compiled, List<String> problems) {
        String text = read(drl);
        Path relative = rules.relativize(drl);
        String folder = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
            problems.add(drl + ":1: no package declaration (expected package " + folder + ";)");
        } else {
            int line = lineOf(text, pkg.start(1));
            if (folder != null && !pkg.group(1).equals(folder)) {
                problems.add(drl + ":" + line + ": package " + pkg.group(1) + " in folder " + folder
                        + " (a pack's package is its folder name)");
            } else if (!compiled.contains(pkg.group(1))) {
                problems.add(drl + ":" + line + ": pack " + pkg.group(1) + " is not compiled into the application;"
                        + " add it to drools.kbase.tocsin.packages in src/main/resources/application.properties");
            }
        }
        Matcher notify = NOTIFY.matcher(text);
        while (notify.find()) {
            if (!RECEIVERS.contains(notify.group(1))) {
                problems.add(drl + ":" + lineOf(text, notify.start(1)) + ": unknown receiver \"" + notify.group(1)
                        + "\" (expected one of " + new TreeSet<>(RECEIVERS) + ")");
            }
        }
        Matcher remediate = REMEDIATE.matcher(text);
        while (remediate.find()) {
            if (!config.commands().containsKey(remediate.group(1))) {
                problems.add(drl + ":" + lineOf(text, remediate.start(1)) + ": command \"" + remediate.group(1)
                        + "\" is not in the allowlist (tocsin.commands." + remediate.group(1) + ".argv)");
            }
        }
        Matcher escalate = ESCALATE.matcher(text);
        while (escalate.find()) {
            if (!config.escalation().containsKey(escalate.group(1))) {
                problems.add(drl + ":" + lineOf(text, escalate.start(1)) + ": escalation target \"" + escalate.group(1)
                        + "\" has no receivers (tocsin.escalation." + escalate.group(1) + ".receivers)");
            }
        }
    }

    /** The packs the application's build compiles (drools.kbase.tocsin.packages): only those ship. */
    private Set<String> shippedPacks() {
        var session = runtime.newKieSession(config.session());
        try {
            Set<String> packs = new TreeSet<>();
            session.getKieBase().getKiePackages().stream().filter(p -> !p.getRules().isEmpty())
                    .forEach(p -> packs.add(p.getName()));
            return packs;
        } finally {
            session.dispose();
        }
    }

    private void checkConfig(Set<String> compiled, List<String> problems) {
        ConfigLines lines = new ConfigLines(Path.of("config", "application.properties"));
        config.packs().ifPresent(packs -> packs.stream().filter(p -> !compiled.contains(p)).forEach(p -> problems.add(
                lines.at("tocsin.packs") + ": pack " + p + " is not compiled (compiled: " + compiled + ")")));
        if (!config.commands().containsKey(config.rollback().command())) {
            problems.add(lines.at("tocsin.rollback.command") + ": rollback command \"" + config.rollback().command()
                    + "\" is not in the allowlist (tocsin.commands)");
        }
        config.escalation().forEach((target, t) -> t.receivers().stream().filter(r -> !RECEIVERS.contains(r))
                .forEach(r -> problems.add(lines.at("tocsin.escalation." + target + ".receivers")
                        + ": unknown receiver \"" + r + "\" for escalation target " + target)));
        config.commands().forEach((name, command) -> {
            String key = "tocsin.commands." + name + ".argv";
            if (command.argv().isEmpty() || command.argv().get(0).isBlank()) {
                problems.add(lines.at(key) + ": command " + name + " has no program");
            }
            command.argv().stream().filter(a -> a.contains("{{") && !PLACEHOLDER.matcher(a).matches())
                    .forEach(a -> problems.add(lines.at(key) + ": argument '" + a + "' of command " + name
                            + " mixes a placeholder with text; a placeholder must be a whole argument"));
        });
        config.slack().channels().forEach((channel, url) -> url(lines, "tocsin.slack.channels." + channel, url, problems));
        config.webhooks().forEach((name, w) -> url(lines, "tocsin.webhooks." + name + ".url", w.url(), problems));
        config.alertmanagers().forEach((name, a) -> url(lines, "tocsin.alertmanagers." + name + ".url", a.url(),
                problems));
        config.externalUrl().ifPresent(url -> url(lines, "tocsin.external-url", url, problems));
        config.pagerduty().url().ifPresent(url -> url(lines, "tocsin.pagerduty.url", url, problems));
    }

    private static void url(ConfigLines lines, String key, String url, List<String> problems) {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problems.add(lines.at(key) + ": not an http(s) URL"); // the URL itself may be a secret: not printed
        }
    }

    private static String where(RuleInfo rule) {
        return "rules/" + rule.file() + ":" + rule.line();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Locates a key in the operator's config file, for {@code file:line} messages. */
    private static final class ConfigLines {
        private final Path file;
        private final List<String> lines;

        ConfigLines(Path file) {
            this.file = file;
            List<String> read;
            try {
                read = Files.exists(file) ? Files.readAllLines(file) : List.of();
            } catch (IOException e) {
                read = List.of();
            }
            this.lines = read;
        }

        String at(String key) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith(key + "=") || line.startsWith(key + " ") || line.startsWith(key + ":")) {
                    return file + ":" + (i + 1);
                }
            }
            return "configuration (" + key + ")";
        }
    }
}
