package io.tocsin.engine.rules;

import io.tocsin.engine.fact.BaselineWindow;
import io.tocsin.engine.fact.Cadence;
import io.tocsin.engine.fact.Figure;
import io.tocsin.engine.fact.SlaSpec;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Priority;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.engine.fact.Threshold;
import io.tocsin.engine.rules.RuleSources.Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Every rule of the knowledge base with its source location and metadata, read once at start-up. Bad alert
 * metadata (an unknown priority, a malformed {@code @for}) stops start-up with the file and line, because an
 * alert that cannot be classified must not go unnoticed until it fires.
 */
public final class RuleCatalog {

    private final Map<String, RuleInfo> byId;
    private final List<String> problems;
    private final List<RuleInfo> successCriteria;
    private final Cadence cadence;
    private Map<String, String> checksums = Map.of();
    private final List<Figure> figures;
    private final BaselineWindow baselineWindow;
    private final List<SlaSpec> slas;

    private RuleCatalog(Map<String, RuleInfo> byId, List<String> problems) {
        this.byId = byId;
        this.problems = List.copyOf(problems);
        this.successCriteria = all().stream().filter(RuleInfo::isSuccessCriterion).toList();
        this.cadence = all().stream().map(RuleInfo::cadence).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        this.figures = all().stream().map(RuleInfo::figures).filter(f -> !f.isEmpty()).findFirst().orElse(List.of());
        this.baselineWindow = all().stream().map(RuleInfo::baseline).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        Map<String, SlaSpec> byPack = new java.util.TreeMap<>();
        all().stream().map(RuleInfo::sla).filter(java.util.Objects::nonNull).forEach(s -> byPack.putIfAbsent(s.pack(), s));
        this.slas = List.copyOf(byPack.values());
    }

    /** The figures of deployment watch summaries (the first {@code @figures} rule's); empty if none. */
    public List<Figure> figures() {
        return figures;
    }

    /** When deployments without a baseline get one (the first {@code @baseline} rule's); null if never. */
    public BaselineWindow baselineWindow() {
        return baselineWindow;
    }

    /** The service level agreements of the packs ({@code @sla}, one per pack), by pack. */
    public List<SlaSpec> slas() {
        return slas;
    }

    /**
     * Every series the deployment watches keep per minute: those the success criteria judge and those the
     * figures are read from.
     */
    public List<SeriesSelector> watchedSeries() {
        List<SeriesSelector> out = new ArrayList<>();
        successCriteria.forEach(r -> out.addAll(r.series()));
        figures.forEach(f -> out.add(f.series()));
        return out;
    }

    /** The checkpoint cadence of deployment watches (the first {@code @cadence} rule's); null if none. */
    public Cadence cadence() {
        return cadence;
    }

    /** The catalog; throws {@link IllegalStateException} listing every rule with invalid metadata. */
    public static RuleCatalog of(KieBase kieBase) {
        return of(kieBase, RuleSources.locate(), RuleSources.checksums());
    }

    /**
     * The catalog of a knowledge base whose rules are written where {@code locations} say, from sources with these
     * SHA-256 checksums by path.
     */
    public static RuleCatalog of(KieBase kieBase, Map<String, Location> locations, Map<String, String> checksums) {
        RuleCatalog catalog = read(kieBase, locations);
        if (!catalog.problems.isEmpty()) {
            throw new InvalidMetadata(catalog.problems);
        }
        catalog.checksums = Map.copyOf(checksums);
        return catalog;
    }

    /** Rules with metadata that cannot be used; {@link #problems()} are {@code file:line: message}. */
    public static final class InvalidMetadata extends IllegalStateException {
        private final List<String> problems;

        InvalidMetadata(List<String> problems) {
            super("invalid rule metadata:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** SHA-256 (hex) of each DRL source file by path relative to the rules folder. */
    public Map<String, String> checksums() {
        return checksums;
    }

    /** One hash for the whole rule set: {@link #contentHash(Map)} of the checksums. */
    public String contentHash() {
        return contentHash(checksums);
    }

    /**
     * {@code sha256:} and the SHA-256 of the lines {@code <sha256>  <path>} in path order: what
     * {@code (cd rules && find . -name '*.drl' -not -path './tests/*' | sort | xargs sha256sum)} lists, hashed.
     */
    public static String contentHash(Map<String, String> checksums) {
        StringBuilder lines = new StringBuilder();
        new java.util.TreeMap<>(checksums).forEach((path, sum) -> lines.append(sum).append("  ").append(path)
                .append('\n'));
        return "sha256:" + PackScope.sha256(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The catalog of the valid rules, with {@code file:line: message} for each invalid one. */
    public static RuleCatalog read(KieBase kieBase) {
        return read(kieBase, RuleSources.locate());
    }

    public static RuleCatalog read(KieBase kieBase, Map<String, Location> locations) {
        Map<String, RuleInfo> rules = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String id = rule.getPackageName() + "." + rule.getName();
                Location at = locations.getOrDefault(id, new Location(null, 0));
                try {
                    rules.put(id, describe(rule, at));
                } catch (IllegalArgumentException e) {
                    problems.add("rules/" + (at.file() == null ? pkg.getName() : at.file()) + ":" + at.line()
                            + ": rule \"" + rule.getName() + "\": " + e.getMessage());
                }
            }
        }
        return new RuleCatalog(rules, problems);
    }

    /** {@code file:line: message} for each rule whose metadata is invalid (such rules are not in the catalog). */
    public List<String> problems() {
        return problems;
    }

    private static RuleInfo describe(Rule rule, Location at) {
        Map<String, Object> meta = rule.getMetaData();
        String alert = text(meta, "alert");
        String criterion = text(meta, "criterion");
        if (alert != null && criterion != null) {
            throw new IllegalArgumentException("a rule has either @alert or @criterion, not both");
        }
        Priority priority = null;
        if (alert != null) {
            String p = text(meta, "priority");
            if (p == null) {
                throw new IllegalArgumentException("@alert(\"" + alert + "\") needs @priority(\"P0\"..\"P4\")");
            }
            priority = Priority.parse(p);
        }
        String hold = text(meta, "for");
        long forMillis = hold == null ? 0 : Durations.millis(hold);
        String success = text(meta, "success");
        if (success != null && (alert != null || criterion != null)) {
            throw new IllegalArgumentException("a @success rule cannot also have @alert or @criterion");
        }
        double required = percent(text(meta, "required"));
        String worst = text(meta, "worst");
        if (worst != null && !worst.equals("lowest") && !worst.equals("highest")) {
            throw new IllegalArgumentException("@worst(\"" + worst + "\") must be \"lowest\" or \"highest\"");
        }
        String series = text(meta, "series");
        if (success != null && series == null) {
            throw new IllegalArgumentException("@success(\"" + success + "\") needs @series(\"metric{label='value'}\")"
                    + " naming the series it judges (charted in the watch report, kept in rollback evidence)");
        }
        if (success == null && (series != null || meta.containsKey("threshold"))) {
            throw new IllegalArgumentException("@series and @threshold belong to @success rules");
        }
        String cadence = text(meta, "cadence");
        String figures = text(meta, "figures");
        return new RuleInfo(rule.getPackageName() + "." + rule.getName(), rule.getPackageName(), rule.getName(),
                at.file(), at.line(), alert, criterion, forMillis, priority, text(meta, "summary"),
                text(meta, "runbook"), success, required, worst == null ? "highest" : worst,
                series == null ? List.of() : SeriesSelector.parseList(series), Threshold.parse(text(meta, "threshold")),
                cadence == null ? null : Cadence.parse(cadence), meta.containsKey("setting"), meta.containsKey("derived"),
                figures == null ? List.of() : List.copyOf(Figure.parseList(figures)),
                BaselineWindow.parse(text(meta, "baseline")), SlaSpec.parse(rule.getPackageName(), text(meta, "sla")));
    }

    /** "99.9%" → 0.999; absent → 1 (always met). */
    private static double percent(String text) {
        if (text == null) {
            return 1.0;
        }
        try {
            double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            if (value < 0 || value > 100) {
                throw new NumberFormatException();
            }
            return value / 100;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("@required(\"" + text + "\") is not a percentage such as 99.9%");
        }
    }

    /** Metadata values arrive quoted or not depending on the DRL compiler; SREs write them quoted. */
    private static String text(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    public RuleInfo byId(String id) {
        return byId.get(id);
    }

    /** All rules, by pack, file and line. */
    public List<RuleInfo> all() {
        List<RuleInfo> rules = new ArrayList<>(byId.values());
        rules.sort(Comparator.comparing(RuleInfo::pack).thenComparing(r -> String.valueOf(r.file()))
                .thenComparingInt(RuleInfo::line));
        return rules;
    }

    /** The packs that have rules in the knowledge base. */
    public java.util.SortedSet<String> packs() {
        java.util.SortedSet<String> packs = new java.util.TreeSet<>();
        byId.values().forEach(r -> packs.add(r.pack()));
        return packs;
    }

    /** Rules with {@code @success}, in catalog order. */
    public List<RuleInfo> successCriteria() {
        return successCriteria;
    }

    public Collection<RuleInfo> alertRules() {
        return all().stream().filter(RuleInfo::raisesAlert).toList();
    }
}
