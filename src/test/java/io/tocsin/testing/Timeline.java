package io.tocsin.testing;

import io.tocsin.engine.Evaluator;
import io.tocsin.engine.action.Action;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.action.DeliveryState;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Durations;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.input.CloseWatch;
import io.tocsin.engine.input.CreateSilence;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.RollBack;
import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import io.tocsin.engine.state.EngineState;
import io.tocsin.engine.input.AdvanceClock;
import io.tocsin.engine.input.DeliveryUpdate;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.rules.RuleCompiler;
import io.tocsin.watch.Archive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Drives a fresh evaluator with the engine's test pack ({@link TestRules}) on event time, in steps of minutes and
 * seconds from a fixed origin, so engine tests read like a timeline: {@code t.post("2m", ...)},
 * {@code t.alert("HighErrorRate")}. Actions are decided and recorded, never delivered; {@link #result} plays a
 * delivery outcome back to the rules. No Quarkus boot.
 */
public final class Timeline implements AutoCloseable {

    public static final Instant ORIGIN = Instant.parse("2025-10-18T15:00:00Z");

    /** The embedded configuration's escalation targets and dry-run commands. */
    public static final ActionPolicy POLICY = new ActionPolicy(false,
            Set.of("rollback", "restart-genesis", "disable-llm", "enable-circuit-breaker", "enable-cache", "promote"),
            Map.of("incident-commander", List.of("pagerduty", "slack"),
                    "engineering-lead", List.of("pagerduty", "email"), "cto", List.of("pagerduty", "email")),
            "rollback", "promote");

    private final Evaluator evaluator;
    private final ActionHistory history;
    private int seen;
    private int silences;

    public Timeline() {
        this(POLICY);
    }

    public Timeline(ActionPolicy policy) {
        this(new Evaluator.Setup(policy, new ActionHistory(), Archive.none()), Evaluator.Settings.defaults(), null);
    }

    /** With reports and evidence written by the archive {@code archive} makes. */
    public Timeline(Function<RuleCatalog, Archive> archive) {
        this(archive, Evaluator.Settings.defaults(), null);
    }

    /** Continuing from {@code saved} (another timeline's {@link #capture}), as after a restart. */
    public Timeline(Function<RuleCatalog, Archive> archive, Evaluator.Settings settings, EngineState saved) {
        this(new Evaluator.Setup(POLICY, new ActionHistory(), archive.apply(TestRules.fixture().catalog())), settings,
                saved);
    }

    /** Continuing from {@code saved}, as after a restart. */
    public static Timeline restarted(EngineState saved) {
        return new Timeline(new Evaluator.Setup(POLICY, new ActionHistory(), Archive.none()),
                Evaluator.Settings.defaults(), saved);
    }

    private Timeline(Evaluator.Setup setup, Evaluator.Settings settings, EngineState saved) {
        RuleCompiler.Compiled rules = TestRules.fixture();
        this.history = setup.history();
        this.evaluator = new Evaluator(rules.newSession(), rules.catalog(), settings, false, 0L, setup, saved);
    }

    /** The state as a snapshot would hold it. */
    public EngineState capture() {
        return evaluator.capture();
    }

    /** Epoch ms of an offset from the origin such as {@code "2m"}, {@code "1m30s"} or {@code "0"}. */
    public static long time(String offset) {
        return ORIGIN.toEpochMilli() + Durations.millis(offset);
    }

    public static Sample sample(String offset, String metric, Map<String, String> labels, double value) {
        return Samples.sample(metric, labels, value, time(offset));
    }

    /** Posts one batch at {@code offset} (for the reader: each sample carries its own time). */
    public IngestResult batch(String offset, Sample... samples) {
        return batch(samples);
    }

    /** Posts one batch; each sample carries its own time. */
    public IngestResult batch(Sample... samples) {
        return evaluator.apply(new SampleBatch(List.of(samples)));
    }

    /** Posts one sample of one series at {@code offset}. */
    public IngestResult post(String offset, String metric, Map<String, String> labels, double value) {
        return batch(sample(offset, metric, labels, value));
    }

    /** Posts a series every {@code step} from {@code from} to {@code to} inclusive, one batch per step. */
    public void every(String step, String from, String to, String metric, Map<String, String> labels, double value) {
        for (long t = time(from); t <= time(to); t += Durations.millis(step)) {
            batch(Samples.sample(metric, labels, value, t));
        }
    }

    public void advance(String offset) {
        evaluator.apply(new AdvanceClock(time(offset)));
    }

    /** Applies any input, as the engine would. */
    public <R> R apply(Input<R> input) {
        return evaluator.apply(input);
    }

    /** Registers a deployment (engine time when {@code startedAt} is null). */
    public Deployment register(String id, String version, Long startedAt) {
        return register(id, version, startedAt, Map.of(), List.of());
    }

    public Deployment register(String id, String version, Long startedAt, Map<String, Double> baseline) {
        return register(id, version, startedAt, baseline, List.of());
    }

    public Deployment register(String id, String version, Long startedAt, Map<String, Double> baseline,
            List<RegisterDeployment.Step> steps) {
        return evaluator.apply(new RegisterDeployment(id, version, startedAt, baseline, steps));
    }

    public Alert acknowledge(String alertId, String by, String comment) {
        return evaluator.apply(new Acknowledge(alertId, by, comment));
    }

    public Deployment rollBack(String deploymentId, String reason, String by) {
        return evaluator.apply(new RollBack(deploymentId, reason, by));
    }

    public Watch closeWatch(String deploymentId, String reason, String by) {
        return evaluator.apply(new CloseWatch(deploymentId, reason, by));
    }

    /** Silences alerts matching {@code matchers} from now until {@code endsAt} (an offset such as "30m"). */
    public Silence silence(List<Matcher> matchers, String endsAt) {
        return evaluator.apply(new CreateSilence("silence-" + ++silences, matchers, null, time(endsAt), "test",
                "test"));
    }

    public List<Alert> alerts() {
        return evaluator.activeAlerts();
    }

    public List<Alert> resolved() {
        return evaluator.resolvedAlerts();
    }

    public Optional<Alert> alert(String name) {
        return alerts().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    public Optional<Alert> alert(String name, Map<String, String> labels) {
        return alerts().stream().filter(a -> a.getName().equals(name) && a.getLabels().equals(labels)).findFirst();
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /** Every action decided so far, in order. */
    public List<Action> actions() {
        return actions(a -> true);
    }

    public List<Action> actions(Predicate<Action> filter) {
        return history.query(e -> filter.test(e.action()), null).stream().map(ActionHistory.Entry::action).toList();
    }

    /** The delivery state an action was decided with (or reached since). */
    public DeliveryState state(Action action) {
        return history.get(action.id()).orElseThrow().state();
    }

    /** Actions decided since the previous call. */
    public List<Action> newActions() {
        List<Action> all = actions();
        List<Action> fresh = new ArrayList<>(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }

    /** Actions the engine would hand to the dispatcher since the previous call: neither silenced nor dry-run. */
    public List<Action> toDeliver() {
        return evaluator.drainActions();
    }

    /**
     * What a watch announcement reports: its checkpoint label ({@code T+6h}), {@code verdict} or {@code rollout};
     * null for any other action.
     */
    public static String watchTopic(Action action) {
        if (!(action instanceof Action.Announce a)) {
            return null;
        }
        return switch (a.topic()) {
            case CHECKPOINT -> a.checkpoint();
            case VERDICT -> "verdict";
            case ROLLOUT -> "rollout";
            case ROLLBACK, NOTE -> null;
        };
    }

    /** Plays back a delivery outcome of {@code action}, as the dispatcher would. */
    public void result(Action action, boolean success, Integer exitCode) {
        DeliveryState attempted = DeliveryState.decided(action.id(), DeliveryState.Status.PENDING).attempting();
        DeliveryState.CommandOutcome outcome = exitCode == null ? null
                : new DeliveryState.CommandOutcome(exitCode, 0, "");
        evaluator.apply(new DeliveryUpdate(success ? attempted.sent("process", outcome)
                : attempted.failed(exitCode == null ? "failed" : "exit code " + exitCode, "process", outcome)));
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
