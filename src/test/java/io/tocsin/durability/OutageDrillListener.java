package io.tocsin.durability;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the ten-minute {@link OutageDrill} as soon as a test plan that holds {@link OutageIT} begins, so it runs
 * alongside the other integration tests instead of after them. A listener, not a test: it takes part in no test's
 * lifecycle (Quarkus' test extensions do not support tests running in parallel). Registered in
 * {@code META-INF/services}; in plans without {@code OutageIT} (the unit tests) it does nothing.
 */
public class OutageDrillListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                if (test.getSource().orElse(null) instanceof ClassSource source
                        && source.getClassName().equals(OutageIT.class.getName())) {
                    OutageDrill.start();
                    return;
                }
            }
        }
    }
}
