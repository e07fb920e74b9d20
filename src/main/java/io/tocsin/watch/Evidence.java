package io.tocsin.watch;

import io.tocsin.engine.fact.Deployment;
import io.tocsin.watch.history.History;
import java.util.List;
import java.util.Map;

/**
 * The incident bundle of a rollback, the runbook's "preserve evidence" step: the deployment and the decision,
 * the alerts firing at that moment, the watch's timeline of actions so far, the recent values of every series a
 * success criterion judges (per-minute over the last hour, and the latest sample), and the SHA-256 of each rule
 * file the decision was made with.
 */
public record Evidence(String deployment, String version, long startedAt, Deployment.RollbackDecision rollback,
        List<FiringAlert> firingAlerts, List<WatchEvent> timeline, List<CriterionSeries> series,
        Map<String, String> ruleChecksums) {

    /** How far back the per-minute values of each series go. */
    public static final long RECENT_MILLIS = 3_600_000L;

    public record FiringAlert(String id, String name, Map<String, String> labels, String priority, long activeAt,
            Long firedAt, Double value, boolean acknowledged) {
    }

    public record CriterionSeries(String criterion, String rule, List<SeriesValues> series) {
    }

    /** One series: its latest sample (null if the engine no longer has it) and its recent minutes. */
    public record SeriesValues(String series, Double latest, Long latestAt, List<History.Point> minutes) {
    }
}
