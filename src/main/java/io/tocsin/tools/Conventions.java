package io.tocsin.tools;

import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.engine.rules.RuleCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DRL conventions {@code ./tocsin check} warns about ({@code file:line: warning: ...}): what newer conventions
 * replace, and a success criterion whose {@code @series} names a metric its conditions never look at.
 */
final class Conventions {

    private static final Pattern PACK_CONSTRAINT =
            Pattern.compile("\\b(Alert|Criterion|Violation)\\s*\\(\\s*pack\\s*==");
    private static final Pattern CONDITION_BY_HAND = Pattern.compile("new\\s+Condition\\s*\\(");
    private static final Pattern SUCCESS_CONDITION = Pattern.compile("\\bCondition\\s*\\(\\s*success\\s*\\)");
    private static final Pattern PROMOTE_BY_HAND = Pattern.compile("new\\s+Remediate\\s*\\([^,]+,\\s*\"promote\"");
    private static final Pattern TIME_FIELD = Pattern.compile(
            "\\b(firedAt|activeAt|resolvedAt|now|lastSampleAt|timestamp|startedAt|endsAt|due)\\b");
    private static final Pattern MILLIS = Pattern.compile("(?<![\\w.\"])\\d{4,}L?(?![\\w.\"])");
    private static final Pattern AUTOMATION = Pattern.compile("new\\s+(Remediate|Rollback|Promote)\\s*\\(");
    private static final Pattern MAINTENANCE = Pattern.compile("\\binMaintenance\\b|\\bMaintenance\\s*\\(");

    private Conventions() {
    }

    /** Warnings for one file; {@code catalog} (null when the rules do not compile) adds the {@code @series} check. */
    static void check(Path file, String drl, RuleCatalog catalog, List<String> warnings) {
        String pack = null;
        Matcher p = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE).matcher(drl);
        if (p.find()) {
            pack = p.group(1);
        }
        for (DrlRule rule : DrlRule.of(drl)) {
            for (DrlRule.Line line : rule.conditions()) {
                if (PACK_CONSTRAINT.matcher(line.text()).find()) {
                    warn(warnings, file, line, "pack == \"...\" is implied: a pack's rules see only their own pack's"
                            + " alerts, criteria and violations (mark a rule @allPacks to see every pack's)");
                }
                if (SUCCESS_CONDITION.matcher(line.text()).find()) {
                    warn(warnings, file, line, "write Violation() for a success criterion that does not hold");
                }
                if (TIME_FIELD.matcher(line.text()).find() && MILLIS.matcher(line.text()).find()) {
                    warn(warnings, file, line, "write durations as \"30m\" or \"1h\" (duration(\"1h\"), or helpers"
                            + " such as reached($a.firedAt, \"30m\") and firedWithin(\"1h\", $a)), not milliseconds");
                }
            }
            for (DrlRule.Line line : rule.consequence()) {
                if (CONDITION_BY_HAND.matcher(line.text()).find()) {
                    warn(warnings, file, line, "write insertLogical(breach($s)) (or breach() for a condition on no"
                            + " series); the rule is known without drools.getRule()");
                }
                if (PROMOTE_BY_HAND.matcher(line.text()).find()) {
                    warn(warnings, file, line, "write insert(new Promote($w, traffic)) or new Promote($step)");
                }
            }
            boolean automation = rule.consequence().stream().anyMatch(l -> AUTOMATION.matcher(l.text()).find());
            if (automation && !MAINTENANCE.matcher(rule.conditionText()).find()) {
                warnings.add(file + ":" + rule.line() + ": warning: rule \"" + rule.name() + "\" restarts, rolls"
                        + " back or promotes without looking at maintenance: say inMaintenance == false on the alert"
                        + " or criterion it acts on (or not Maintenance()), so a maintenance window stops it");
            }
            RuleInfo info = pack == null || catalog == null ? null : catalog.byId(pack + "." + rule.name());
            if (info != null && info.isSuccessCriterion()) {
                String conditions = rule.conditionText();
                for (SeriesSelector selector : info.series()) {
                    if (!Pattern.compile("\\b" + Pattern.quote(selector.metric()) + "\\b").matcher(conditions).find()) {
                        warnings.add(file + ":" + rule.line() + ": warning: @series names " + selector.metric()
                                + ", which the conditions of rule \"" + rule.name() + "\" never mention: the chart"
                                + " and the evidence would show a series the criterion does not judge");
                    }
                }
            }
        }
    }

    private static void warn(List<String> warnings, Path file, DrlRule.Line line, String message) {
        warnings.add(file + ":" + line.number() + ": warning: " + message);
    }
}
