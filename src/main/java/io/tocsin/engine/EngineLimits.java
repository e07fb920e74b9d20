package io.tocsin.engine;

/**
 * The limits the engine enforces itself, because they depend on its state (how many series and silences it
 * holds, what engine time it is): part of the evaluation settings, so a replay of the journal refuses exactly what
 * was refused the first time. Durations in milliseconds.
 *
 * @param maxSeries             series held at once (current and stale); a batch that would create more is refused
 *                              whole (429), while samples of known series keep flowing
 * @param futureToleranceMillis on the wall clock, how far ahead of engine now a sample may be stamped
 * @param maxSilences           pending and active silences at once (429 beyond); as many expired ones are kept
 * @param maxSilenceMillis      the longest silence, from its start to its end
 * @param auditEntries          operator actions the audit trail keeps (the most recent)
 * @param startedAtMaxAgeMillis how far before engine now a deployment's {@code startedAt} may lie
 * @param startedAtMaxAheadMillis how far after engine now it may lie, on the wall clock (on event time replays
 *                              register deployments ahead of their samples)
 */
public record EngineLimits(int maxSeries, long futureToleranceMillis, int maxSilences, long maxSilenceMillis,
        int auditEntries, long startedAtMaxAgeMillis, long startedAtMaxAheadMillis) {

    /** The documented defaults (README "Limits"). */
    public static EngineLimits defaults() {
        return new EngineLimits(200_000, 300_000, 1_000, 30L * 86_400_000, 10_000, 86_400_000, 300_000);
    }

    public EngineLimits withMaxSeries(int max) {
        return new EngineLimits(max, futureToleranceMillis, maxSilences, maxSilenceMillis, auditEntries,
                startedAtMaxAgeMillis, startedAtMaxAheadMillis);
    }

    public EngineLimits withMaxSilences(int max) {
        return new EngineLimits(maxSeries, futureToleranceMillis, max, maxSilenceMillis, auditEntries,
                startedAtMaxAgeMillis, startedAtMaxAheadMillis);
    }

    public EngineLimits withAuditEntries(int entries) {
        return new EngineLimits(maxSeries, futureToleranceMillis, maxSilences, maxSilenceMillis, entries,
                startedAtMaxAgeMillis, startedAtMaxAheadMillis);
    }
}
