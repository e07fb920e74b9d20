package io.tocsin.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.DeploymentStore;
import io.tocsin.engine.fact.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Deployments and their rollback decisions in {@code <data-dir>/deployments.json}, replaced atomically on each
 * change (write a temporary file, then rename), so a crash leaves either the old or the new file.
 */
public final class FileDeploymentStore implements DeploymentStore {

    /** The stored form of a deployment. */
    record Stored(String id, String version, long startedAt, boolean current, Deployment.RollbackDecision rollback,
            java.util.Map<String, Double> baseline) {
    }

    private final Path file;
    private final ObjectMapper json;

    public FileDeploymentStore(Path dataDir, ObjectMapper json) {
        this.file = dataDir.resolve("deployments.json");
        this.json = json;
    }

    @Override
    public List<Deployment> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Stored> stored = json.readValue(file.toFile(), new TypeReference<List<Stored>>() {
            });
            return stored.stream().map(s -> new Deployment(s.id(), s.version(), s.startedAt(), s.current(),
                    s.rollback(), s.baseline())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (fix or remove it; it holds rollback decisions)", e);
        }
    }

    @Override
    public void save(List<Deployment> deployments) {
        List<Stored> stored = deployments.stream().map(d -> new Stored(d.getId(), d.getVersion(), d.getStartedAt(),
                d.isCurrent(), d.getRollback(), d.getBaseline())).toList();
        try {
            AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize deployments", e);
        }
    }
}
