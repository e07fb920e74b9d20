package io.tocsin.engine.fact;


/**
 * What Tocsin knows of one DRL rule: where it lives and its metadata. Alert rules carry {@code @alert} and
 * {@code @priority}; rollback-criterion rules carry {@code @criterion}; {@code @for} defaults to 0 (fire on the
 * first evaluation that holds).
 *
 * @param id       package-qualified rule name, unique in the knowledge base
 * @param pack     the rule pack (the DRL package, which is the folder under {@code rules/})
 * @param file     path of the DRL file relative to {@code rules/}, e.g. {@code genesis/slo.drl}
 * @param line     line of the {@code rule} keyword in that file (0 if unknown)
 * @param alert    alert name from {@code @alert}, or {@code null} for a rule that raises no alert
 * @param criterion criterion name from {@code @criterion}, or {@code null}
 * @param forMillis hold duration from {@code @for}
 * @param success  success-criterion name from {@code @success}: the rule holds a condition while the criterion
 *                 is violated during a deployment watch
 * @param required fraction of the watch window the criterion must be met ({@code @required("99%")}, default 100%)
 * @param worst    which violating value is the worst: {@code "highest"} (default) or {@code "lowest"}
 * @param series   for a success criterion, the series it judges ({@code @series}): their per-minute history is
 *                 kept during a watch, charted in its report and saved in rollback evidence
 * @param threshold for a success criterion, the line its chart draws ({@code @threshold}), or null
 * @param cadence  the checkpoint cadence of deployment watches ({@code @cadence}), or null
 * @param setting  {@code @setting}: the rule declares pack settings (facts it inserts logically from nothing);
 *                 it fires again when the engine restores its state, so they are there after a restart
 * @param derived  {@code @derived}: the rule only derives facts logically from the session's own facts (alerts,
 *                 say); like a setting it fires again when the engine restores its state, as nothing saves them
 * @param figures  the figures of deployment watch summaries ({@code @figures}), empty if none
 * @param baseline when a deployment without a baseline gets one of its own ({@code @baseline}), or null
 * @param sla      the pack's service level agreement ({@code @sla}), or null
 */
public record RuleInfo(String id, String pack, String name, String file, int line, String alert, String criterion,
        long forMillis, Priority priority, String summary, String runbook, String success, double required,
        String worst, java.util.List<SeriesSelector> series, Threshold threshold, Cadence cadence, boolean setting,
        boolean derived, java.util.List<Figure> figures, BaselineWindow baseline, SlaSpec sla) {

    public boolean raisesAlert() {
        return alert != null;
    }

    /** Whether the rule's conditions are followed over time (it has {@code @alert} or {@code @criterion}). */
    public boolean holdsConditions() {
        return alert != null || criterion != null;
    }

    public boolean isSuccessCriterion() {
        return success != null;
    }

    /** The alert or criterion name. */
    public String heldName() {
        return alert != null ? alert : criterion;
    }
}
