package io.tocsin.engine;

import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.Series;
import io.tocsin.engine.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ValueResolver;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Collect;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.From;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.modelcompiler.constraints.LambdaConstraint;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Which new values of a series the rules can tell apart, read from the compiled rules themselves. Most samples
 * change nothing a rule can see: a healthy series stays below every threshold, a breaching one stays above. For
 * such a series the engine moves the value in place and does not tell the session, so rules, truth maintenance
 * and the propagation through the network cost nothing for it; only a sample that flips one of its thresholds is
 * an update.
 *
 * <p>This holds exactly, not approximately, for a series when every pattern that can match it
 * <ul>
 *   <li>reads its value only in comparisons with constants ({@code value > 0.01}, {@code value == 0}), and its
 *       other properties only where they never change ({@code metric}, {@code labels}),</li>
 *   <li>is not read from elsewhere in its rule (no other pattern, {@code eval} or accumulate uses its bindings),
 *       nor sits inside {@code accumulate} or {@code collect}, and</li>
 *   <li>belongs to a rule that holds conditions ({@code @alert}, {@code @criterion}, {@code @success}), whose
 *       consequence derives the same logical facts whenever it fires on the same match. Those facts read the
 *       series' value when asked, so they show the new value all the same.</li>
 * </ul>
 * Then the session's matches are the same before and after the sample: the alpha constraints give the same
 * answers, and nothing else reads the value. A series any other pattern can match (time in a constraint, a
 * threshold from another fact, a rule that notifies on every sample) is updated on every sample, as before.
 * The answers are Drools' own: the compiled constraints are evaluated, not re-implemented.
 */
final class ValueTriggers {

    /** Properties of a series that never change: constraints on them decide once whether a pattern can match. */
    private static final Set<String> FIXED = Set.of("metric", "labels", "key");
    private static final String VALUE = "value";

    /** What one series' updates depend on: the value comparisons of the patterns that can match it. */
    static final class Triggers {
        static final Triggers ALWAYS = new Triggers(null);
        private final LambdaConstraint[] comparisons;

        private Triggers(LambdaConstraint[] comparisons) {
            this.comparisons = comparisons;
        }

        /** How many thresholds are asked (tests). */
        int size() {
            return comparisons == null ? -1 : comparisons.length;
        }

        /** Every sample must reach the session. */
        boolean always() {
            return comparisons == null;
        }

        /**
         * The answers of the comparisons for the series' current value, one bit each; only meaningful when not
         * {@link #always()}.
         */
        long answers(FactHandle handle, ValueResolver session) {
            long bits = 0;
            for (int i = 0; i < comparisons.length; i++) {
                if (comparisons[i].isAllowed(handle, session)) {
                    bits |= 1L << i;
                }
            }
            return bits;
        }
    }

    /** A pattern on series: what decides whether it can match one, and what it compares the value with. */
    private record SeriesPattern(List<LambdaConstraint> fixed, List<LambdaConstraint> comparisons, boolean exact) {
    }

    private final List<SeriesPattern> patterns;
    private final Map<List<LambdaConstraint>, Triggers> shared = new HashMap<>();
    private final boolean enabled;

    private ValueTriggers(List<SeriesPattern> patterns, boolean enabled) {
        this.patterns = patterns;
        this.enabled = enabled;
    }

    /** Every sample reaches the session (for comparing both ways in tests and benchmarks). */
    static ValueTriggers off() {
        return new ValueTriggers(List.of(), false);
    }

    /** Reads the patterns on series from the compiled rules of {@code base}. */
    static ValueTriggers of(KieBase base, RuleCatalog catalog) {
        List<SeriesPattern> patterns = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (org.kie.api.definition.rule.Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                RuleInfo info = catalog.byId(impl.getPackageName() + "." + impl.getName());
                boolean holds = info != null && (info.holdsConditions() || info.isSuccessCriterion())
                        && !impl.isQuery() && !impl.hasNamedConsequences();
                List<Pattern> found = new ArrayList<>();
                Set<Pattern> aggregated = new HashSet<>();
                List<Declaration> required = new ArrayList<>();
                walk(impl.getLhs(), false, found, aggregated, required);
                for (Pattern pattern : found) {
                    patterns.add(describe(pattern, holds && !aggregated.contains(pattern) && !readElsewhere(pattern,
                            required)));
                }
            }
        }
        return new ValueTriggers(List.copyOf(patterns), true);
    }

    /** The triggers of a series just inserted into the session under {@code handle}. */
    Triggers of(FactHandle handle, ValueResolver session) {
        if (!enabled) {
            return Triggers.ALWAYS;
        }
        Set<LambdaConstraint> comparisons = new LinkedHashSet<>();
        for (SeriesPattern pattern : patterns) {
            if (!canMatch(pattern, handle, session)) {
                continue;
            }
            if (!pattern.exact()) {
                return Triggers.ALWAYS;
            }
            comparisons.addAll(pattern.comparisons());
        }
        if (comparisons.size() > Long.SIZE) {
            return Triggers.ALWAYS;
        }
        return shared.computeIfAbsent(List.copyOf(comparisons),
                list -> new Triggers(list.toArray(new LambdaConstraint[0])));
    }

    private static boolean canMatch(SeriesPattern pattern, FactHandle handle, ValueResolver session) {
        for (LambdaConstraint fixed : pattern.fixed()) {
            if (!fixed.isAllowed(handle, session)) {
                return false;
            }
        }
        return true;
    }

    /** Collects patterns that series facts can reach, those under aggregation, and every declaration required. */
    private static void walk(RuleConditionElement element, boolean underAggregate, List<Pattern> found,
            Set<Pattern> aggregated, List<Declaration> required) {
        if (element instanceof Pattern pattern) {
            if (pattern.getObjectType() instanceof ClassObjectType type
                    && type.getClassType().isAssignableFrom(Series.class)
                    && !(pattern.getSource() instanceof From)) { // "from" reads a collection, not the session
                found.add(pattern);
                if (underAggregate) {
                    aggregated.add(pattern);
                }
            }
            for (Constraint constraint : pattern.getConstraints()) {
                required.addAll(Arrays.asList(constraint.getRequiredDeclarations()));
            }
            if (pattern.getSource() != null) {
                walk(pattern.getSource(), underAggregate, found, aggregated, required);
            }
            return;
        }
        boolean aggregate = underAggregate || element instanceof Accumulate || element instanceof Collect;
        if (element instanceof Accumulate accumulate) {
            required.addAll(Arrays.asList(accumulate.getRequiredDeclarations()));
        } else if (element instanceof EvalCondition eval) {
            required.addAll(Arrays.asList(eval.getRequiredDeclarations()));
        } else if (element instanceof From from) {
            required.addAll(Arrays.asList(from.getDataProvider().getRequiredDeclarations()));
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            walk(nested, aggregate, found, aggregated, required);
        }
    }

    /** Whether another part of the rule reads the pattern's fact or one of its bindings. */
    private static boolean readElsewhere(Pattern pattern, List<Declaration> required) {
        for (Declaration declaration : required) {
            if (declaration.getPattern() == pattern
                    || pattern.getDeclarations().containsKey(declaration.getIdentifier())) {
                return true;
            }
        }
        return false;
    }

    private static SeriesPattern describe(Pattern pattern, boolean exact) {
        List<LambdaConstraint> fixed = new ArrayList<>();
        List<LambdaConstraint> comparisons = new ArrayList<>();
        for (Constraint constraint : pattern.getConstraints()) {
            if (!(constraint instanceof LambdaConstraint lambda) || lambda.getRequiredDeclarations().length > 0
                    || constraint.getType() != Constraint.ConstraintType.ALPHA) {
                exact = false; // joins with other facts, or not a compiled lambda: evaluated by the network only
                continue;
            }
            Set<String> reads = new HashSet<>(Arrays.asList(lambda.getEvaluator().getReactiveProps()));
            if (!reads.isEmpty() && FIXED.containsAll(reads)) {
                fixed.add(lambda);
            } else if (reads.size() == 1 && reads.contains(VALUE)) {
                comparisons.add(lambda);
            } else {
                exact = false; // time, or something the compiler could not name
            }
        }
        return new SeriesPattern(List.copyOf(fixed), List.copyOf(comparisons), exact);
    }
}
