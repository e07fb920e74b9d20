package io.tocsin.watch;

import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.RuleInfo;
import io.tocsin.engine.fact.Series;
import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.engine.fact.SeriesSelector;
import io.tocsin.watch.history.History;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The runbook's "preserve evidence" step of a rollback: gathers the bundle ({@link Evidence}) and hands it to the
 * archive before the rollback is dispatched. A failure to write it is logged and never holds up the rollback.
 */
public final class EvidenceCollector {

    /** The engine's series, as evidence needs them: by key, and all those some selectors match. */
    public interface SeriesLookup {
        Series find(SeriesKey key);

        /**
         * For each list of selectors, the known series any of them matches, by name: one pass over the series
         * for all the lists (a rollback's evidence asks for every criterion's at once).
         */
        List<List<Series>> matching(List<List<SeriesSelector>> selectorLists);
    }

    private static final Logger LOG = Logger.getLogger(EvidenceCollector.class);

    private final Archive archive;
    private final History history;
    private final SeriesLookup series;
    private final List<RuleInfo> criteria;
    private final Map<String, String> ruleChecksums;

    public EvidenceCollector(Archive archive, History history, SeriesLookup series, List<RuleInfo> criteria,
            Map<String, String> ruleChecksums) {
        this.archive = archive;
        this.history = history;
        this.series = series;
        this.criteria = criteria;
        this.ruleChecksums = Map.copyOf(ruleChecksums);
    }

    /** Preserves the evidence of a rollback decided at {@code now}; links it from the watch, if written. */
    public void preserve(Deployment deployment, long now, List<Alert> active, Watches watches) {
        try {
            List<Evidence.FiringAlert> firing = active.stream().filter(Alert::isFiring)
                    .map(a -> new Evidence.FiringAlert(a.getId(), a.getName(), a.getLabels(), a.getPriority().name(),
                            a.getActiveAt(), a.getFiredAt(), a.getValue(), a.isAcknowledged())).toList();
            List<List<Series>> known = series.matching(criteria.stream().map(RuleInfo::series).toList());
            List<Evidence.CriterionSeries> values = new ArrayList<>();
            for (int i = 0; i < criteria.size(); i++) {
                RuleInfo rule = criteria.get(i);
                values.add(new Evidence.CriterionSeries(rule.success(), rule.id(), seriesOf(rule, known.get(i), now)));
            }
            List<WatchEvent> timeline = watches.of(deployment.getId()).map(WatchLog::events).orElse(List.of());
            String path = archive.evidence(new Evidence(deployment.getId(), deployment.getVersion(),
                    deployment.getStartedAt(), deployment.getRollback(), firing, timeline, values, ruleChecksums));
            if (path != null) {
                watches.evidence(deployment.getId(), path, now);
                LOG.infof("evidence of the rollback of '%s' preserved in %s", deployment.getId(), path);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not preserve the evidence of the rollback of '%s'", deployment.getId());
        }
    }

    /** The last hour of each series a criterion judges, and the latest sample of those no watch was keeping. */
    private List<Evidence.SeriesValues> seriesOf(RuleInfo rule, List<Series> known, long now) {
        List<Evidence.SeriesValues> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (History.Line line : history.lines(rule.series(), now - Evidence.RECENT_MILLIS, now + 1)) {
            String name = line.key().toString();
            seen.add(name);
            Series latest = series.find(line.key());
            lines.add(new Evidence.SeriesValues(name, latest == null ? null : latest.getValue(),
                    latest == null ? null : latest.getTimestamp(), line.points()));
        }
        for (Series s : known) {
            String name = s.getKey().toString();
            if (seen.add(name)) {
                lines.add(new Evidence.SeriesValues(name, s.getValue(), s.getTimestamp(), List.of()));
            }
        }
        return lines;
    }
}
