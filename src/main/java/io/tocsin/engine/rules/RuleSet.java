package io.tocsin.engine.rules;

import java.util.function.Supplier;
import org.kie.api.runtime.KieSession;

/**
 * Rules to run: fresh sessions of them, their catalog, and where they come from ({@code built in}, or the folder
 * they were compiled from at run time).
 */
public record RuleSet(Supplier<KieSession> sessions, RuleCatalog catalog, String origin) {

    public KieSession newSession() {
        return sessions.get();
    }
}
