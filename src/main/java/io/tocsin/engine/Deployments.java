package io.tocsin.engine;

import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.watch.Watches;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieSession;

/**
 * The deployments as facts, kept in line with their store: every change (a registration, a rollback decision)
 * is saved before the engine moves on, so a restart never re-arms a rollback that already fired. At the first
 * start, with nothing stored, one implicit deployment is armed.
 */
final class Deployments {

    private static final Logger LOG = Logger.getLogger(Deployments.class);
    static final String IMPLICIT_ID = "initial";

    private final KieSession session;
    private final DeploymentStore store;
    private final List<Deployment> all = new ArrayList<>();
    private final Watches watches;

    Deployments(KieSession session, DeploymentStore store, long startedAt, Watches watches) {
        this.session = session;
        this.store = store;
        this.watches = watches;
        all.addAll(store.load());
        if (all.isEmpty()) {
            all.add(new Deployment(IMPLICIT_ID, "unknown", startedAt, true, null));
            store.save(all);
            LOG.infof("no stored deployments: armed the implicit deployment '%s'", IMPLICIT_ID);
        } else {
            current().ifPresent(d -> LOG.infof("restored %d deployments; current '%s' is %s", all.size(), d.getId(),
                    d.isArmed() ? "armed" : "rolled back at " + java.time.Instant.ofEpochMilli(d.getRollback().at())));
        }
        all.forEach(session::insert);
    }

    Optional<Deployment> find(String id) {
        return all.stream().filter(d -> d.getId().equals(id)).findFirst();
    }

    Optional<Deployment> current() {
        return all.stream().filter(Deployment::isCurrent).findFirst();
    }

    List<Deployment> all() {
        return List.copyOf(all);
    }

    /** Registers a new current deployment (armed); the previous one is superseded. */
    Deployment register(String id, String version, long startedAt, java.util.Map<String, Double> baseline,
            List<RegisterDeployment.Step> steps) {
        Deployment deployment = new Deployment(id, version, startedAt, true, null, baseline);
        List<Deployment> next = new ArrayList<>();
        for (Deployment d : all) {
            next.add(d.isCurrent() ? new Deployment(d.getId(), d.getVersion(), d.getStartedAt(), false,
                    d.getRollback(), d.getBaseline()) : d);
        }
        next.add(deployment);
        store.save(next); // saved first: a failure leaves nothing half-registered
        current().ifPresent(previous -> {
            previous.supersede();
            session.update(session.getFactHandle(previous), previous);
        });
        all.add(deployment);
        session.insert(deployment);
        watches.open(deployment, steps);
        LOG.infof("deployment '%s' (version %s) registered; automatic rollback armed", id, version);
        return deployment;
    }

    /** Records a rollback decision on its deployment and saves it before anything is dispatched. */
    void decided(Rollback rollback, long now) {
        Deployment deployment = rollback.getDeployment();
        if (deployment.getRollback() != null) {
            return;
        }
        deployment.rolledBack(new Deployment.RollbackDecision(now, rollback.getReason(), rollback.getBy(),
                rollback.getCriterion() == null ? null : rollback.getCriterion().getName()));
        session.update(session.getFactHandle(deployment), deployment);
        watches.rolledBack(deployment, rollback.getReason(), now);
        try {
            store.save(all);
        } catch (RuntimeException e) {
            // The rollback goes ahead regardless: losing it would be worse than a restart that re-arms.
            LOG.errorf(e, "could not save the rollback decision of deployment '%s'; it is in effect, but a restart"
                    + " would re-arm automatic rollback", deployment.getId());
        }
        LOG.warnf("rollback of deployment '%s' decided: %s (by %s); automatic rollback disarmed",
                deployment.getId(), rollback.getReason(), rollback.getBy());
    }
}
