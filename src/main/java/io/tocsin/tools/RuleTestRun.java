package io.tocsin.tools;

import io.tocsin.engine.Evaluator;
import io.tocsin.engine.Rejected;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Labels;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.DeliveryUpdate;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.RollBack;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.input.SignOff;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.tools.RuleTestFile.Check;
import io.tocsin.tools.RuleTestFile.ExpectedAction;
import io.tocsin.tools.RuleTestFile.ExpectedAlert;
import io.tocsin.tools.RuleTestFile.Input;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kie.api.runtime.KieSession;

/**
 * Runs one rule test file against the real, compiled rules on a fresh session on event time starting at 0:
 * samples every interval, operator inputs, and at each test's time a comparison of alerts (pending and firing;
 * resolved ones when asked for) and of the actions decided since the tests at the previous time (all tests at
 * one time see the same actions). Actions are recorded, never dispatched.
 */
public final class RuleTestRun {

    /** A command that ran out of time: a failure without an exit code. */
    private static final String TIMED_OUT = "timed-out";

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
    private final RuleSet rules;
    private final Evaluator.Settings settings;
    private final Evaluator.Setup setup;
    private Evaluator evaluator;
    private final RuleCatalog catalog;
    private final ActionHistory history;
    private int seenActions;
    private int silenceIds;
    private List<Action> recent = List.of();
    private Set<String> fired = Set.of();

    /** @param settings the configured evaluation settings; the file's packs replace its packs */
    public RuleTestRun(RuleTestFile file, RuleSet rules, Evaluator.Settings settings, ActionPolicy policy) {
        this.file = file;
        this.rules = rules;
        KieSession session = rules.newSession();
        this.catalog = rules.catalog();
        for (String pack : file.packs()) {
            if (!catalog.packs().contains(pack)) {
                session.dispose();
                throw new IllegalArgumentException("pack: '" + pack + "' is not a compiled pack " + catalog.packs());
            }
        }
        this.setup = Evaluator.Setup.inMemory(policy);
        this.history = setup.history();
        this.settings = settings.withPacks(Set.copyOf(file.packs())).withSettingOverrides(file.settings());
        this.evaluator = new Evaluator(session, catalog, this.settings, setup);
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
                evaluator.apply(new AdvanceClock(t));
            }
            for (Input input : file.inputs()) {
                if (input.at() == t) {
                    apply(input);
                }
            }
            List<Action> all = history.query(e -> true, null).stream().map(ActionHistory.Entry::action).toList();
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

    /**
     * As after a restart: the state a snapshot holds goes into a fresh session (the action history is the same
     * store, as it is on disk), so a test shows what a pack's rules derive again and what they lose.
     */
    private void restart() {
        var saved = evaluator.capture();
        evaluator.close();
        evaluator = new Evaluator(rules.newSession(), catalog, settings, false, 0L, setup, saved);
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
        try {
            switch (input.kind()) {
                case "deployment" -> evaluator.apply(new RegisterDeployment(text(f, "id", at), text(f, "version", at),
                        f.containsKey("started_at") ? Durations.millis(text(f, "started_at", at)) : input.at(),
                        baseline(f.get("baseline"), at), steps(f.get("steps"), at)));
                case "ack" -> {
                    Alert alert = findAlert(text(f, "alert", at), labels(f.get("labels")), at);
                    evaluator.apply(new Acknowledge(alert.getId(), text(f, "by", at), (String) f.get("comment")));
                }
                case "rollback" -> evaluator.apply(new RollBack(text(f, "deployment", at), text(f, "reason", at),
                        text(f, "by", at)));
                case "silence" -> silence(f, at);
                case "result" -> result(f, at);
                case "signoff" -> evaluator.apply(new SignOff(text(f, "deployment", at), text(f, "role", at),
                        text(f, "by", at), (String) f.get("comment")));
                case "restart" -> restart();
                default -> throw new IllegalArgumentException(at + ": unknown input");
            }
        } catch (Rejected e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private void silence(Map<String, Object> f, String at) {
        List<Matcher> matchers = new ArrayList<>();
        if (!(f.get("matchers") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(at + ".matchers: required");
        }
        for (Object o : list) {
            Map<?, ?> m = (Map<?, ?>) o;
            matchers.add(Matcher.of(String.valueOf(m.get("name")), String.valueOf(m.get("value")),
                    Boolean.TRUE.equals(m.get("isRegex")), !Boolean.FALSE.equals(m.get("isEqual"))));
        }
        Long starts = f.containsKey("starts_at") ? Durations.millis(text(f, "starts_at", at)) : null;
        evaluator.apply(new CreateSilence("silence-" + ++silenceIds, matchers, starts,
                Durations.millis(text(f, "ends_at", at)), text(f, "by", at), text(f, "comment", at),
                Boolean.TRUE.equals(f.get("maintenance"))));
    }

    /**
     * The outcome of a decided action, as the dispatcher would report it: the latest action matching
     * {@code command} (and {@code attempt}), or {@code receiver} with optional {@code destination}, {@code type}
     * and {@code alert}. {@code outcome} is sent, failed, timed-out (a failure without an exit code), expired or
     * interrupted; for commands {@code success} and {@code exit_code} may say it instead.
     */
    private void result(Map<String, Object> f, String at) {
        String command = (String) f.get("command");
        String receiver = command != null ? "command" : text(f, "receiver", at);
        String destination = command != null ? command : (String) f.get("destination");
        String type = (String) f.get("type");
        String alert = (String) f.get("alert");
        Integer attempt = f.get("attempt") == null ? null : ((Number) f.get("attempt")).intValue();
        boolean success = Boolean.TRUE.equals(f.get("success"));
        String outcome = f.get("outcome") == null ? (success ? ActionResult.SENT : ActionResult.FAILED)
                : text(f, "outcome", at);
        if (!List.of(ActionResult.SENT, ActionResult.FAILED, TIMED_OUT, ActionResult.EXPIRED,
                ActionResult.INTERRUPTED).contains(outcome)) {
            throw new IllegalArgumentException(at + ".outcome: '" + outcome
                    + "' is not one of sent, failed, timed-out, expired, interrupted");
        }
        String what = receiver + (destination == null ? "" : " " + destination) + (type == null ? "" : " " + type)
                + (alert == null ? "" : " for " + alert) + (attempt == null ? "" : " attempt " + attempt);
        Action action = history.query(e -> receiver.equals(e.action().receiver())
                && (destination == null || destination.equals(e.action().destination()))
                && (type == null || type.equals(e.action().type()))
                && (alert == null || e.action().alert() != null && alert.equals(e.action().alert().name()))
                && (attempt == null || e.action() instanceof Action.Remediate r && r.attempt() == attempt), null)
                .stream().map(ActionHistory.Entry::action).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException(at + ": no " + what + " action was decided yet"));
        boolean isCommand = command != null;
        Integer exit = f.get("exit_code") != null ? ((Number) f.get("exit_code")).intValue()
                : outcome.equals(ActionResult.SENT) ? 0 : 1;
        DeliveryState.CommandOutcome ran = isCommand ? new DeliveryState.CommandOutcome(exit, 0, "") : null;
        String via = isCommand ? "process" : "http";
        DeliveryState attempted = DeliveryState.decided(action.id(), DeliveryState.Status.PENDING).attempting();
        evaluator.apply(new DeliveryUpdate(switch (outcome) {
            case ActionResult.SENT -> attempted.sent(via, ran);
            case ActionResult.EXPIRED -> attempted.expired("undelivered when its maximum age passed");
            case ActionResult.INTERRUPTED -> attempted.interrupted();
            case TIMED_OUT -> attempted.failed("timed out", via,
                    isCommand ? new DeliveryState.CommandOutcome(null, 0, "") : null);
            default -> attempted.failed(isCommand ? "exit code " + exit : "HTTP 500", via, ran);
        }));
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

    static boolean matches(ExpectedAlert expected, Alert alert) {
        return alert.getName().equals(expected.name()) && alert.getState().wireName().equals(expected.state())
                && (expected.labels() == null || alert.getLabels().equals(expected.labels()))
                && (expected.priority() == null || alert.getPriority().name().equals(expected.priority()));
    }

    private void verifyActions(Check check, List<Action> recent, List<String> problems) {
        if (check.alertname() != null) {
            recent.removeIf(a -> a.alert() == null || !a.alert().name().equals(check.alertname()));
        }
        int[] match = Matching.assign(check.actions(), recent, (expected, a) -> matches(expected, a)
                && (expected.status() == null || history.get(a.id()).map(e -> e.state().status().wire())
                        .filter(expected.status()::equals).isPresent()));
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

    static boolean matches(ExpectedAction expected, Action a) {
        return (expected.type() == null || expected.type().equals(a.type()))
                && (expected.receiver() == null || expected.receiver().equals(a.receiver()))
                && (expected.destination() == null || expected.destination().equals(a.destination()))
                && (expected.alert() == null || a.alert() != null && expected.alert().equals(a.alert().name()))
                && (expected.reason() == null || a.reason() != null && a.reason().contains(expected.reason()));
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

    private String describeActions(List<Action> recent) {
        if (recent.isEmpty()) {
            return "no actions were decided since the previous test";
        }
        StringBuilder out = new StringBuilder("actions since the previous test were:");
        recent.forEach(r -> out.append("\n        ").append(describe(r)));
        return out.toString();
    }

    private String describe(Action a) {
        return a.type() + " " + a.receiver() + " " + a.destination()
                + (a.alert() == null ? "" : " for " + a.alert().name() + Labels.format(a.labels()))
                + (a.reason() == null ? "" : " '" + a.reason() + "'")
                + " at " + Durations.format(a.at()) + (a.rule() == null ? " (operator)"
                        : " (rule \"" + a.rule().name() + "\", " + a.rule().file() + ":" + a.rule().line() + ")");
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

    private static List<RegisterDeployment.Step> steps(Object value, String at) {
        List<RegisterDeployment.Step> steps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (!(m.get("traffic") instanceof Number traffic) || m.get("after") == null) {
                    throw new IllegalArgumentException(at + ".steps: each step needs after and traffic");
                }
                steps.add(new RegisterDeployment.Step(Durations.millis(String.valueOf(m.get("after"))),
                        traffic.intValue()));
            }
        }
        steps.sort(java.util.Comparator.comparingLong(RegisterDeployment.Step::afterMillis));
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
