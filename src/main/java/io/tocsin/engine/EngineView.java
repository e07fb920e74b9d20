package io.tocsin.engine;

import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.fact.Criterion;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.silence.Silence;
import io.tocsin.watch.WatchLog;
import io.tocsin.watch.history.History;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What readers may see of the engine's state, on the engine thread between two inputs ({@link Engine#read}).
 * Facts returned here are live: copy what you need before leaving the engine thread.
 */
public interface EngineView {

    /** Engine time in epoch milliseconds; empty until the first sample, clock advance or tick. */
    OptionalLong now();

    boolean wallClock();

    List<Alert> activeAlerts();

    List<Alert> resolvedAlerts();

    List<Criterion> criteria();

    List<Deployment> deployments();

    Optional<WatchLog> watch(String deploymentId);

    List<Silence> silences();

    ActionHistory actionHistory();

    /** The operator actions the audit trail keeps, oldest first. */
    List<io.tocsin.engine.audit.AuditEntry> audit();

    RuleCatalog catalog();

    /** The rule packs that may fire. */
    java.util.Set<String> activePacks();

    History history();

    /** The SLA ledgers of the packs that declare an SLA ({@code @sla}). */
    io.tocsin.sla.SlaLedger sla();

    long firings(String ruleId);

    /**
     * The actions rules will decide about the open alerts as time passes, if nothing else changes (no sample, no
     * acknowledgement), earliest first: the next escalation and when it is due.
     */
    List<Foresight.Reaction> foreseen();
}
