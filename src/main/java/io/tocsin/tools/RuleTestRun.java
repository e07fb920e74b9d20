package io.tocsin.tools;

import io.tocsin.dispatch.ActionLog;
import io.tocsin.dispatch.ActionPlanner;
import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.DispatchPolicy;
import io.tocsin.dispatch.silence.Matcher;
import io.tocsin.dispatch.silence.Silences;
import io.tocsin.engine.DeploymentStore;
import io.tocsin.engine.Durations;
import io.tocsin.engine.Evaluator;
import io.tocsin.engine.RuleCatalog;
import io.tocsin.engine.RuleInfo;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Labels;
import io.tocsin.ingest.Sample;
import io.tocsin.ingest.SampleBatch;
import io.tocsin.tools.RuleTestFile.Check;
import io.tocsin.tools.RuleTestFile.ExpectedAction;
import io.tocsin.tools.RuleTestFile.ExpectedAlert;
import io.tocsin.tools.RuleTestFile.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kie.api.runtime.KieRuntimeBuilder;
import org.kie.api.runtime.KieSession;

/**
 * Runs one rule test file against the real, compiled rules on a fresh session on event time starting at 0:
 * samples every interval, operator inputs, and at each test's time a comparison of alerts (pending and firing;
 * resolved ones when asked for) and of the actions decided since the tests at the previous time (all tests at
 * one time see the same actions). Actions are recorded, never dispatched.
 */
public final class RuleTestRun {

    /** The outcome of one test of a file. */
    public record CaseResult(String file, String name, long at, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }

        public String title() {
            return file + ": " + (name == null ? "" : name + " ") + "(at " + Durations.format(at) + ")";
        }
    }

    private final RuleTestFile file;
    private final Evaluator evaluator;
    private final RuleCatalog catalog;
    private final ActionLog log = new ActionLog();
    private final Silences silences = new Silences();
    private int seenActions;
    private List<ActionRecord> recent = List.of();
    private Set<String> fired = Set.of();

    public RuleTestRun(RuleTestFile file, KieRuntimeBuilder runtime, String sessionName, DispatchPolicy policy,
            long stalenessMillis) {
        this.file = file;
        KieSession session = runtime.newKieSession(sessionName);
        this.catalog = RuleCatalog.of(session.getKieBase());
        for (String pack : file.packs()) {
            if (!catalog.packs().contains(pack)) {
                session.dispose();
                throw new IllegalArgumentException("pack: '" + pack + "' is not a compiled pack " + catalog.packs());
            }
        }
        this.evaluator = new Evaluator(session, catalog,
                new Evaluator.Settings(stalenessMillis, 900_000, 3_600_000, Set.copyOf(file.packs()),
                        Evaluator.Settings.DEFAULT_WATCH_WINDOW), null,
                new ActionPlanner(policy, silences, log, record -> { }), DeploymentStore.inMemory());
    }

    public List<CaseResult> run() {
        try {
            List<CaseResult> results = execute();
            fired = catalog.all().stream().map(RuleInfo::id).filter(id -> evaluator.firings(id) > 0)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return results;
        } finally {
            evaluator.close();
        }
    }

    /** Package-qualified names of the rules that fired during the run. */
    public Set<String> firedRules() {
        return fired;
    }

    private List<CaseResult> execute() {
        TreeSet<Long> times = new TreeSet<>();
        int steps = file.series().stream().mapToInt(s -> s.values().size()).max().orElse(0);
        for (int i = 0; i < steps; i++) {
            times.add(i * file.intervalMillis());
        }
        file.inputs().forEach(in -> times.add(in.at()));
        file.checks().forEach(c -> times.add(c.at()));
        List<CaseResult> results = new ArrayList<>();
        for (long t : times) {
            List<Sample> batch = samplesAt(t);
            if (!batch.isEmpty()) {
                evaluator.apply(new SampleBatch(batch));
            } else if (evaluator.now().isEmpty() || t > evaluator.now().getAsLong()) {
                evaluator.advanceTo(t);
            }
            for (Input input : file.inputs()) {
                if (input.at() == t) {
                    apply(input);
                }
            }
            List<ActionRecord> all = log.query(r -> true, null);
            recent = new ArrayList<>(all.subList(seenActions, all.size()));
            if (file.checks().stream().anyMatch(c -> c.at() == t)) {
                seenActions = all.size(); // the next time's tests see only what comes after
            }
            for (Check check : file.checks()) {
                if (check.at() == t) {
                    results.add(new CaseResult(file.path().toString(), check.name(), t, verify(check)));
                }
            }
        }
        return results;
    }

    private List<Sample> samplesAt(long t) {
        List<Sample> batch = new ArrayList<>();
        if (t % file.intervalMillis() != 0) {
            return batch;
        }
        int step = (int) (t / file.intervalMillis());
        for (RuleTestFile.InputSeries series : file.series()) {
            if (step < series.values().size() && series.values().get(step) != null) {
                batch.add(new Sample(series.key(), series.values().get(step), t));
            }
        }
        return batch;
    }

    private void apply(Input input) {
        Map<String, Object> f = input.fields();
        String at = "inputs at " + Durations.format(input.at()) + ": " + input.kind();
        switch (input.kind()) {
            case "deployment" -> evaluator.registerDeployment(text(f, "id", at), text(f, "version", at),
                    f.containsKey("started_at") ? Durations.millis(text(f, "started_at", at)) : input.at(),
                    baseline(f.get("baseline"), at), steps(f.get("steps"), at));
            case "ack" -> {
                Alert alert = findAlert(text(f, "alert", at), labels(f.get("labels")), at);
                evaluator.acknowledge(alert.getId(), text(f, "by", at), (String) f.get("comment"));
            }
            case "rollback" -> evaluator.rollBack(text(f, "deployment", at), text(f, "reason", at), text(f, "by", at));
            case "silence" -> silence(f, input.at(), at);
            case "result" -> result(f, at);
            default -> throw new IllegalArgumentException(at + ": unknown input");
        }
    }

    private void silence(Map<String, Object> f, long now, String at) {
        List<Matcher> matchers = new ArrayList<>();
        if (!(f.get("matchers") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(at + ".matchers: required");
        }
        for (Object o : list) {
            Map<?, ?> m = (Map<?, ?>) o;
            matchers.add(Matcher.of(String.valueOf(m.get("name")), String.valueOf(m.get("value")),
                    Boolean.TRUE.equals(m.get("isRegex")), !Boolean.FALSE.equals(m.get("isEqual"))));
        }
        long starts = f.containsKey("starts_at") ? Durations.millis(text(f, "starts_at", at)) : now;
        silences.add(matchers, starts, Durations.millis(text(f, "ends_at", at)), text(f, "by", at),
                text(f, "comment", at), now);
    }

    private void result(Map<String, Object> f, String at) {
        String command = text(f, "command", at);
        Integer attempt = f.get("attempt") == null ? null : ((Number) f.get("attempt")).intValue();
        boolean success = Boolean.TRUE.equals(f.get("success"));
        ActionRecord record = log.query(r -> "command".equals(r.receiver()) && command.equals(r.destination())
                && (attempt == null || attempt.equals(r.remediationAttempt())), null).stream()
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalArgumentException(at + ": no " + command
                        + " action" + (attempt == null ? "" : " with attempt " + attempt) + " was decided yet"));
        Integer exit = f.get("exit_code") == null ? (success ? 0 : 1) : ((Number) f.get("exit_code")).intValue();
        evaluator.feed(new ActionResult(Long.toString(record.id()), record.type(), record.receiver(),
                record.destination(), record.alert(), record.remediationAttempt() == null ? 1
                        : record.remediationAttempt(), success, exit, evaluator.now().orElse(0L)));
    }

    private Alert findAlert(String name, Map<String, String> labels, String at) {
        return evaluator.activeAlerts().stream()
                .filter(a -> a.getName().equals(name) && (labels == null || a.getLabels().equals(labels)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(at + ": no pending or firing alert "
                        + name + (labels == null ? "" : Labels.format(new TreeMap<>(labels)))));
    }

    private List<String> verify(Check check) {
        List<String> problems = new ArrayList<>();
        if (check.alerts() != null) {
            verifyAlerts(check, problems);
        }
        if (check.actions() != null) {
            verifyActions(check, new ArrayList<>(recent), problems);
        }
        return problems;
    }

    private void verifyAlerts(Check check, List<String> problems) {
        List<Alert> active = new ArrayList<>(evaluator.activeAlerts());
        List<Alert> resolved = new ArrayList<>(evaluator.resolvedAlerts());
        if (check.alertname() != null) {
            active.removeIf(a -> !a.getName().equals(check.alertname()));
            resolved.removeIf(a -> !a.getName().equals(check.alertname()));
        }
        List<ExpectedAlert> expectActive = check.alerts().stream().filter(e -> !e.state().equals("resolved")).toList();
        List<ExpectedAlert> expectResolved = check.alerts().stream().filter(e -> e.state().equals("resolved")).toList();
        int[] activeMatch = Matching.assign(expectActive, active, RuleTestRun::matches);
        int[] resolvedMatch = Matching.assign(expectResolved, resolved, RuleTestRun::matches);
        for (int i = 0; i < expectActive.size(); i++) {
            if (activeMatch[i] < 0) {
                problems.add("expected alert " + expectActive.get(i) + ", not found; " + describe("alerts were", active));
            }
        }
        for (int i = 0; i < expectResolved.size(); i++) {
            if (resolvedMatch[i] < 0) {
                problems.add("expected alert " + expectResolved.get(i) + ", not found; "
                        + describe("resolved alerts were", resolved));
            }
        }
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int m : activeMatch) {
            used.add(m);
        }
        for (int a = 0; a < active.size(); a++) {
            if (!used.contains(a)) {
                problems.add("unexpected alert " + describe(active.get(a)));
            }
        }
    }

    private static boolean matches(ExpectedAlert expected, Alert alert) {
        return alert.getName().equals(expected.name()) && alert.getState().wireName().equals(expected.state())
                && (expected.labels() == null || alert.getLabels().equals(expected.labels()))
                && (expected.priority() == null || alert.getPriority().name().equals(expected.priority()));
    }

    private void verifyActions(Check check, List<ActionRecord> recent, List<String> problems) {
        if (check.alertname() != null) {
            recent.removeIf(r -> r.alertInfo() == null || !r.alertInfo().name().equals(check.alertname()));
        }
        int[] match = Matching.assign(check.actions(), recent, RuleTestRun::matches);
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < match.length; i++) {
            if (match[i] < 0) {
                problems.add("expected action " + check.actions().get(i) + ", not decided; " + describeActions(recent));
            }
            used.add(match[i]);
        }
        for (int a = 0; a < recent.size(); a++) {
            if (!used.contains(a)) {
                problems.add("unexpected action " + describe(recent.get(a)));
            }
        }
    }

    private static boolean matches(ExpectedAction expected, ActionRecord r) {
        return (expected.type() == null || expected.type().equals(r.type()))
                && (expected.receiver() == null || expected.receiver().equals(r.receiver()))
                && (expected.destination() == null || expected.destination().equals(r.destination()))
                && (expected.alert() == null || r.alertInfo() != null && expected.alert().equals(r.alertInfo().name()));
    }

    private static String describe(String what, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return "there were none";
        }
        StringBuilder out = new StringBuilder(what + ":");
        alerts.forEach(a -> out.append("\n        ").append(describe(a)));
        return out.toString();
    }

    private static String describe(Alert a) {
        return a.getName() + Labels.format(a.getLabels()) + " " + a.getState().wireName() + " since "
                + Durations.format(a.isFiring() ? a.getFiredAt() : a.getActiveAt()) + " " + where(a.getRule());
    }

    private static String describeActions(List<ActionRecord> recent) {
        if (recent.isEmpty()) {
            return "no actions were decided since the previous test";
        }
        StringBuilder out = new StringBuilder("actions since the previous test were:");
        recent.forEach(r -> out.append("\n        ").append(describe(r)));
        return out.toString();
    }

    private static String describe(ActionRecord r) {
        return r.type() + " " + r.receiver() + " " + r.destination()
                + (r.alertInfo() == null ? "" : " for " + r.alertInfo().name() + Labels.format(r.labels()))
                + " at " + Durations.format(r.at()) + (r.rule() == null ? " (operator)" : " " + where(r.rule()));
    }

    private static String where(RuleInfo rule) {
        return "(rule \"" + rule.name() + "\", " + rule.file() + ":" + rule.line() + ")";
    }

    private static String text(Map<String, Object> fields, String name, String at) {
        Object value = fields.get(name);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(at + "." + name + ": required");
        }
        return String.valueOf(value);
    }

    private static List<io.tocsin.engine.Watches.Step> steps(Object value, String at) {
        List<io.tocsin.engine.Watches.Step> steps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (!(m.get("traffic") instanceof Number traffic) || m.get("after") == null) {
                    throw new IllegalArgumentException(at + ".steps: each step needs after and traffic");
                }
                steps.add(new io.tocsin.engine.Watches.Step(Durations.millis(String.valueOf(m.get("after"))),
                        traffic.intValue()));
            }
        }
        steps.sort(java.util.Comparator.comparingLong(io.tocsin.engine.Watches.Step::afterMillis));
        return steps;
    }

    private static Map<String, Double> baseline(Object value, String at) {
        Map<String, Double> baseline = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException(at + ".baseline." + k + ": expected a number");
                }
                baseline.put(String.valueOf(k), n.doubleValue());
            });
        }
        return baseline;
    }

    private static Map<String, String> labels(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        return labels;
    }

    @Override
    public String toString() {
        return Objects.toString(file.path());
    }
}
