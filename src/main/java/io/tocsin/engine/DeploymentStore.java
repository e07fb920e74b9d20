package io.tocsin.engine;

import io.tocsin.engine.fact.Deployment;
import java.util.ArrayList;
import java.util.List;

/** Where deployments and their rollback decisions survive a restart. */
public interface DeploymentStore {

    List<Deployment> load();

    void save(List<Deployment> deployments);

    /** Keeps nothing across restarts; for rule tests. */
    static DeploymentStore inMemory() {
        return new DeploymentStore() {
            private List<Deployment> saved = List.of();

            @Override
            public List<Deployment> load() {
                return saved;
            }

            @Override
            public void save(List<Deployment> deployments) {
                saved = new ArrayList<>(deployments);
            }
        };
    }
}
