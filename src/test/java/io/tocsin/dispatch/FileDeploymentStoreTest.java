package io.tocsin.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.store.FileDeploymentStore;
import io.tocsin.engine.fact.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback decisions written to the data directory come back after a restart. */
class FileDeploymentStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsDeploymentsAndRollbackDecisions() {
        FileDeploymentStore store = new FileDeploymentStore(dir.resolve("data"), new ObjectMapper());
        assertTrue(store.load().isEmpty());
        Deployment old = new Deployment("d1", "1.0", 1000, false,
                new Deployment.RollbackDecision(5000, "criterion X met", "tocsin", "X"));
        Deployment current = new Deployment("d2", "2.0", 9000, true, null);
        store.save(List.of(old, current));
        assertTrue(Files.exists(dir.resolve("data/deployments.json")));

        List<Deployment> loaded = new FileDeploymentStore(dir.resolve("data"), new ObjectMapper()).load();
        assertEquals(2, loaded.size());
        assertEquals("X", loaded.get(0).getRollback().criterion());
        assertEquals(5000, loaded.get(0).getRollback().at());
        assertTrue(loaded.get(1).isArmed());
        assertNull(loaded.get(1).getRollback());
        assertEquals(9000, loaded.get(1).getStartedAt());
    }
}
