package io.tocsin.engine;

import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.Rollback;
import io.tocsin.engine.input.RegisterDeployment;
import io.tocsin.engine.state.EngineState;
import io.tocsin.watch.Watches;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieSession;

/**
 * The deployments as facts. At the very first start one implicit deployment is armed; after that they are part
 * of the engine's saved state, so a restart never re-arms a rollback that already fired.
 */
final class Deployments {

    private static final Logger LOG = Logger.getLogger(Deployments.class);
    static final String IMPLICIT_ID = "initial";

    private final KieSession session;
    private final List<Deployment> all = new ArrayList<>();
    private final Watches watches;

    /**
     * The deployments saved before a restart, or, at the very first start ({@code saved} null), one implicit
     * deployment armed from {@code startedAt}.
     */
    Deployments(KieSession session, List<EngineState.DeploymentState> saved, long startedAt, Watches watches) {
        this.session = session;
        this.watches = watches;
        if (saved == null) {
            all.add(new Deployment(IMPLICIT_ID, "unknown", startedAt, true, null));
            LOG.infof("no saved state: armed the implicit deployment '%s'", IMPLICIT_ID);
        } else {
            for (EngineState.DeploymentState d : saved) {
                if (!Deployment.validId(d.id())) {
                    // read back from disk: checked like a new one, since it names files and reaches the command
                    throw new IllegalStateException("the saved state holds a deployment with id '" + d.id()
                            + "', which is not a valid deployment id (" + Deployment.ID_RULE
                            + "); the state files were changed by hand or damaged");
                }
                EngineState.RollbackState r = d.rollback();
                all.add(new Deployment(d.id(), d.version(), d.startedAt(), d.current(), r == null ? null
                        : new Deployment.RollbackDecision(r.at(), r.reason(), r.by(), r.criterion()), d.baseline()));
            }
        }
        all.forEach(session::insert);
    }

    List<EngineState.DeploymentState> capture() {
        return all.stream().map(d -> new EngineState.DeploymentState(d.getId(), d.getVersion(), d.getStartedAt(),
                d.isCurrent(), d.getRollback() == null ? null : new EngineState.RollbackState(d.getRollback().at(),
                        d.getRollback().reason(), d.getRollback().by(), d.getRollback().criterion()),
                d.getBaseline())).toList();
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

    /** Records a rollback decision on its deployment, before anything is dispatched. */
    void decided(Rollback rollback, long now) {
        Deployment deployment = rollback.getDeployment();
        if (deployment.getRollback() != null) {
            return;
        }
        deployment.rolledBack(new Deployment.RollbackDecision(now, rollback.getReason(), rollback.getBy(),
                rollback.getCriterion() == null ? null : rollback.getCriterion().getName()));
        session.update(session.getFactHandle(deployment), deployment);
        watches.rolledBack(deployment, rollback.getReason(), now);
        LOG.warnf("rollback of deployment '%s' decided: %s (by %s); automatic rollback disarmed",
                deployment.getId(), rollback.getReason(), rollback.getBy());
    }
}
