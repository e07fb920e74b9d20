package io.tocsin.engine;

import static io.tocsin.testing.Timeline.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.engine.fact.Condition;
import io.tocsin.engine.fact.Series;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.rules.RuleCompiler;
import io.tocsin.testing.Samples;
import io.tocsin.testing.Timeline;
import io.tocsin.watch.Archive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.drools.base.base.ValueResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A sample reaches the rules only when a rule can tell its value apart, and that changes nothing the rules
 * decide: the same alerts with the same ids and times, the same actions, as when every sample reaches them.
 */
class ValueTriggersTest {

    private static final String HEADER = "package demo;\n\nimport io.tocsin.engine.fact.*;\n\n";

    private static String alert(String name, String when) {
        return "rule \"" + name + "\" @alert(\"" + name + "\") @priority(\"P2\")\nwhen\n" + when
                + "\nthen\n    insertLogical(Rules.breach());\nend\n";
    }

    /**
     * What the session must hear of series {@code m{a="1"}} under one rule: {@code never} (no rule can match
     * it), {@code N} thresholds (only a sample that flips one), or {@code always} (every sample).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a threshold on its metric                  | $s : Series( metric == "m", value > 5 )                        | 1
            a band: two thresholds                     | $s : Series( metric == "m", value > 5, value <= 9 )            | 2
            another metric's threshold                 | $s : Series( metric == "n", value > 5 )                        | never
            a label it does not have                   | $s : Series( metric == "m", labels["a"] == "2", value > 5 )    | never
            a label it has                             | $s : Series( metric == "m", labels["a"] == "1", value > 5 )    | 1
            its absence                                | $s : Alert() not Series( metric == "m", value > 5 )            | 1
            a threshold from another fact              | $d : Deployment() $s : Series( metric == "m", value > $d.baseline("m") ) | always
            its time                                   | $s : Series( metric == "m", timestamp > 0 )                    | always
            its value bound and read by another pattern | $s : Series( metric == "m", $v : value ) Alert( value > $v )  | always
            the series read by another pattern         | $s : Series( metric == "m" ) Alert( value > $s.value )         | always
            an aggregate of values                     | $s : Alert() Number( intValue > 1 ) from accumulate( Series( metric == "m", value > 5 ), count() ) | always
            """)
    void whatTheSessionHears(String what, String when, String expected) {
        KieSession session = RuleCompiler.compile(Map.of("demo/r.drl", HEADER + alert("R", "    " + when))).newSession();
        try {
            assertEquals(expected, describe(session, "m"));
        } finally {
            session.dispose();
        }
    }

    @Test
    void aRuleThatIsNotAnAlertHearsEverySample() {
        String drl = HEADER + "rule \"Count\"\nwhen\n    $s : Series( metric == \"m\", value > 5 )\nthen\n"
                + "    System.identityHashCode($s);\nend\n";
        KieSession session = RuleCompiler.compile(Map.of("demo/r.drl", drl)).newSession();
        try {
            assertEquals("always", describe(session, "m"));
        } finally {
            session.dispose();
        }
    }

    @Test
    void thresholdsSharedBetweenRulesAreAskedOnce() {
        String drl = HEADER + alert("A", "    $s : Series( metric == \"m\", value > 5 )")
                + alert("B", "    $s : Series( metric == \"m\", value > 5 )")
                + alert("C", "    $s : Series( metric == \"m\", value < 1 )");
        KieSession session = RuleCompiler.compile(Map.of("demo/r.drl", drl)).newSession();
        try {
            assertEquals("2", describe(session, "m"));
        } finally {
            session.dispose();
        }
    }

    private static String describe(KieSession session, String metric) {
        Series series = new Series(new SeriesKey(metric, Map.of("a", "1")), 0, 0);
        FactHandle handle = session.insert(series);
        ValueTriggers.Triggers triggers = ValueTriggers.of(session.getKieBase(),
                io.tocsin.engine.rules.RuleCatalog.of(session.getKieBase())).of(handle, (ValueResolver) session);
        if (triggers.always()) {
            return "always";
        }
        int thresholds = triggers.size();
        return thresholds == 0 ? "never" : Integer.toString(thresholds);
    }

    /** Rules of every kind ValueTriggers tells apart, for the equivalence below. */
    private static final String KINDS = HEADER
            + alert("Above5", "    $s : Series( metric == \"m\", value > 5 )")
            + alert("AboveBaseline", "    $d : Deployment( current )\n    $s : Series( metric == \"m\", value > $d.baseline(\"m\") )")
            + alert("Late", "    $c : Clock()\n    $s : Series( metric == \"t\", timestamp < $c.ago(\"1m\") )")
            + alert("Many", "    Number( intValue >= 2 ) from accumulate( Series( metric == \"n\", value > 5 ), count() )")
            + alert("NoneAbove8", "    exists Series( metric == \"n\" )\n    not Series( metric == \"k\", value > 8 )")
            + alert("KAbove5", "    $s : Series( metric == \"k\", value > 5 )")
            + "rule \"Every sample of n above 5\"\nwhen\n    $s : Series( metric == \"n\", value > 5 )\nthen\n"
            + "    System.identityHashCode($s);\nend\n";

    /**
     * A pack with a threshold against another fact, time, an aggregate, absence and a rule that is no alert: the
     * same conditions after every batch whether or not every sample reaches the rules, and the rule that is no
     * alert fires as often.
     */
    @Test
    void everyKindOfPatternSeesWhatItSawBefore() {
        RuleCompiler.Compiled rules = RuleCompiler.compile(Map.of("demo/kinds.drl", KINDS));
        Evaluator.Settings settings = Evaluator.Settings.defaults();
        try (Evaluator all = new Evaluator(rules.newSession(), rules.catalog(), settings.withValueTriggers(false),
                Evaluator.Setup.inMemory(Timeline.POLICY));
                Evaluator triggered = new Evaluator(rules.newSession(), rules.catalog(), settings,
                        Evaluator.Setup.inMemory(Timeline.POLICY))) {
            for (Evaluator e : List.of(all, triggered)) {
                e.apply(new RegisterDeployment("d1", "1", time("0"), Map.of("m", 3.0), List.of()));
            }
            Random random = new Random(7);
            double[] values = {1, 4, 6, 9};
            for (long s = 15; s <= 3600; s += 15) {
                List<Sample> batch = new ArrayList<>();
                for (String metric : List.of("m", "n", "t", "k")) {
                    for (int i = 0; i < 4; i++) {
                        if (i == 3 && s % 150 != 0) {
                            continue; // one series of each is sampled every 2.5 minutes: late between
                        }
                        batch.add(Samples.sample(metric, Map.of("i", "" + i), values[random.nextInt(values.length)],
                                time("0") + s * 1000));
                    }
                }
                for (Evaluator e : List.of(all, triggered)) {
                    e.apply(new SampleBatch(batch));
                }
                assertEquals(held(all), held(triggered), "conditions held after " + s + " s");
            }
            String everySample = "demo.Every sample of n above 5";
            assertEquals(all.firings(everySample), triggered.firings(everySample));
            assertTrue(triggered.silentUpdates() > 0, "silent: " + triggered.silentUpdates());
            for (String rule : List.of("Above5", "AboveBaseline", "Late", "Many", "NoneAbove8", "KAbove5")) {
                assertTrue(triggered.firings("demo." + rule) > 0, rule + " never fired");
            }
        }
    }

    private static List<String> held(Evaluator e) {
        return e.facts(Condition.class).stream()
                .map(c -> c.getRuleId() + c.getLabels() + "=" + c.getValue()).sorted().toList();
    }

    /** The conditions (and violations) rules hold, by rule and labels, with the value each shows. */
    private static List<String> held(Timeline t) {
        return held(t.evaluator());
    }

    /**
     * Two hours of the test pack under a storm: series of every kind it watches (thresholds on the value alone,
     * thresholds against a deployment's baseline, absence, rollback criteria) and one no rule reads, with values
     * drawn around their thresholds so they cross back and forth and often repeat; a deployment with a baseline is
     * registered. After every batch, with and without value triggers: the same alerts with the same ids, states
     * and times, and the same actions; at the end the same saved state but for how often rules fired.
     */
    @Test
    void theRulesDecideTheSameWhetherOrNotEverySampleReachesThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Evaluator.Settings on = Evaluator.Settings.defaults();
        try (Timeline all = new Timeline(c -> Archive.none(), on.withValueTriggers(false), null);
                Timeline triggered = new Timeline(c -> Archive.none(), on, null)) {
            Random random = new Random(42);
            String[][] kinds = {
                {"genesis_error_ratio", "service", "0.0002", "0.0008", "0.002", "0.02", "0.02"},
                {"up", "instance", "1", "1", "1", "0"},
                {"genesis_test_pass_rate", "service", "0.999", "0.985", "0.97", "0.9"},
                {"genesis_operation_p95_seconds", "service", "0.1", "0.12", "0.3", "0.6"},
                {"genesis_htdag_decomposition_avg_seconds", "service", "0.1", "0.12", "0.3"},
                {"node_cpu_utilization_ratio", "instance", "0.3", "0.5", "0.85", "0.95"},
                {"genesis_flaky_tests", "service", "0", "2", "5"},
                {"probe_up", "instance", "1", "1", "0"},
                {"unread_metric", "instance", "1", "2", "3"},
            };
            for (Timeline t : List.of(all, triggered)) {
                t.register("d1", "1.0.0", time("0"), Map.of("genesis_operation_p95_seconds", 0.1,
                        "genesis_htdag_decomposition_avg_seconds", 0.1));
            }
            int alertsSeen = 0;
            for (long s = 15; s <= 2 * 3600; s += 15) {
                List<Sample> batch = new ArrayList<>();
                for (String[] kind : kinds) {
                    for (int i = 0; i < 4; i++) {
                        if (random.nextInt(10) == 0) {
                            continue; // now and then a series misses a round (and sometimes goes stale)
                        }
                        Map<String, String> labels = kind[0].equals("up")
                                ? Map.of("job", "genesis-orchestration", kind[1], "i" + i) : Map.of(kind[1], "i" + i);
                        // mostly the value it had, sometimes another one near a threshold
                        int pick = random.nextInt(4) == 0 ? 2 + random.nextInt(kind.length - 2) : 2 + i % (kind.length - 2);
                        batch.add(Samples.sample(kind[0], labels, Double.parseDouble(kind[pick]), time("0") + s * 1000));
                    }
                }
                for (Timeline t : List.of(all, triggered)) {
                    t.apply(new SampleBatch(batch));
                }
                assertEquals(held(all), held(triggered), "conditions held after " + s + " s");
                assertEquals(json.writeValueAsString(all.alerts()), json.writeValueAsString(triggered.alerts()),
                        "active alerts after " + s + " s");
                assertEquals(json.writeValueAsString(all.newActions()), json.writeValueAsString(triggered.newActions()),
                        "actions decided after " + s + " s");
                alertsSeen = Math.max(alertsSeen, all.alerts().size());
                for (Timeline t : List.of(all, triggered)) { // an active alert shows its series' latest value
                    Map<String, Double> values = new java.util.HashMap<>();
                    t.evaluator().facts(Condition.class).forEach(c -> values.put(c.getRuleId() + c.getLabels(),
                            c.getValue()));
                    for (io.tocsin.engine.fact.Alert a : t.alerts()) {
                        String key = a.getRule().id() + a.getLabels();
                        assertEquals(values.get(key), a.getValue(), key + " after " + s + " s");
                    }
                }
                for (Timeline t : List.of(all, triggered)) { // the gauges, kept as alerts change, match a recount
                    Evaluator.Counts counts = t.evaluator().counts();
                    assertEquals(t.alerts().stream().filter(a -> a.isPending()).count(), counts.pending());
                    assertEquals(t.alerts().stream().filter(a -> a.isFiring()).count(), counts.firing());
                    for (io.tocsin.engine.fact.Priority p : io.tocsin.engine.fact.Priority.values()) {
                        assertEquals(t.alerts().stream().filter(a -> a.isFiring() && a.getPriority() == p).count(),
                                counts.firingByPriority()[p.ordinal()], "firing " + p);
                    }
                }
            }
            ObjectNode expected = json.valueToTree(all.capture());
            ObjectNode actual = json.valueToTree(triggered.capture());
            expected.remove("firings");
            actual.remove("firings");
            assertEquals(expected, actual);
            // not vacuous: alerts came and went, and most samples skipped the session
            assertTrue(alertsSeen >= 10, "alerts at once: " + alertsSeen);
            assertTrue(triggered.resolved().size() >= 10, "resolved: " + triggered.resolved().size());
            assertEquals(0, all.evaluator().silentUpdates());
            assertTrue(triggered.evaluator().silentUpdates() > 5_000, "silent: " + triggered.evaluator().silentUpdates());
        }
    }
}
