package io.tocsin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.ActionOutlet;
import io.tocsin.engine.Engine;
import io.tocsin.engine.Evaluator;
import io.tocsin.engine.action.ActionHistory;
import io.tocsin.engine.action.ActionPolicy;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.rules.RuleCompiler;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.engine.rules.RuleSources;
import io.tocsin.report.FileArchive;
import io.tocsin.store.FileStateLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieRuntimeBuilder;
import org.kie.api.runtime.KieSession;

/**
 * The composition root: the one place that knows every layer. It builds the engine from the configuration and
 * plugs in the adapters the engine knows only by their interfaces: the dispatcher's outlet where actions go, the
 * files where deployments and watches are kept, the archive of reports and evidence, the metrics.
 */
@ApplicationScoped
public class Wiring {

    private static final Logger LOG = Logger.getLogger(Wiring.class);

    @Produces
    @Singleton
    ActionHistory actionHistory() {
        return new ActionHistory();
    }

    @Produces
    @Singleton
    Engine engine(KieRuntimeBuilder runtime, TocsinConfig config, ActionHistory history, ActionOutlet outlet,
            EngineMetrics metrics, ObjectMapper json) {
        boolean wall = config.clock() == TocsinConfig.ClockMode.WALL;
        Path dataDir = Path.of(config.dataDir());
        Engine.Opener opener = (rules, openedAt, saved) -> {
            KieSession session = rules.newSession();
            RuleCatalog catalog = rules.catalog();
            Set<String> packs = activePacks(config, catalog);
            Evaluator evaluator = new Evaluator(session, catalog, settings(config, packs), wall, openedAt,
                    new Evaluator.Setup(policy(config), history, new FileArchive(dataDir, json, catalog)), saved);
            LOG.infof("engine ready: packs %s, %d rules (%d alert rules, %s, %s), %s clock, staleness %s", packs,
                    catalog.all().size(), catalog.alertRules().size(), rules.origin(), catalog.contentHash(),
                    wall ? "wall" : "event", config.staleness());
            return evaluator;
        };
        return new Engine(() -> rules(runtime, config), opener, wall ? System::currentTimeMillis : null,
                config.tick().toMillis(), new Engine.Queues(config.ingest().maxQueuedSamples(),
                        config.ingest().maxQueuedBytes().asLongValue(), config.ingest().maxQueuedRequests()),
                outlet, metrics, new FileStateLog(dataDir, json),
                new Engine.SnapshotPolicy(config.state().snapshotBytes().asLongValue(),
                        config.state().snapshotInterval().toMillis()));
    }

    void start(@Observes StartupEvent event, TocsinConfig config, Engine engine, EngineMetrics metrics)
            throws Exception {
        if (!config.serve()) {
            return; // a command-line tool: it builds sessions of its own
        }
        engine.start();
        metrics.bind(engine);
    }

    void stop(@Observes ShutdownEvent event, Engine engine) {
        engine.close();
    }

    /**
     * The rules of {@code tocsin.rules-dir} if it is set, else those built into the application. A folder whose
     * files are exactly those built in (same checksums) runs the built-in rules: no compiling at start.
     */
    public static RuleSet rules(KieRuntimeBuilder runtime, TocsinConfig config) {
        if (config.rulesDir().isPresent()) {
            return fromFolder(runtime, config, Path.of(config.rulesDir().get()));
        }
        return builtIn(runtime, config);
    }

    /**
     * Compiles the rules of {@code folder}; throws {@link RuleCompiler.CompileException} or
     * {@link RuleCatalog.InvalidMetadata} with {@code file:line: message} problems.
     */
    public static RuleSet fromFolder(KieRuntimeBuilder runtime, TocsinConfig config, Path folder) {
        String origin = folder.toAbsolutePath().normalize().toString();
        Map<String, String> sources = RuleCompiler.sources(folder);
        if (RuleCompiler.checksums(sources).equals(RuleSources.checksums())) {
            RuleSet built = builtIn(runtime, config);
            return new RuleSet(built.sessions(), built.catalog(), origin + " (as built in)");
        }
        return RuleCompiler.compile(sources).ruleSet(origin);
    }

    /** The rules compiled into the application at build time. */
    public static RuleSet builtIn(KieRuntimeBuilder runtime, TocsinConfig config) {
        KieSession probe = runtime.newKieSession(config.session());
        RuleCatalog catalog;
        try {
            catalog = RuleCatalog.of(probe.getKieBase());
        } finally {
            probe.dispose();
        }
        return new RuleSet(() -> runtime.newKieSession(config.session()), catalog, "built in");
    }

    /** The evaluation settings the configuration gives. */
    public static Evaluator.Settings settings(TocsinConfig config, Set<String> packs) {
        Map<String, String> overrides = new java.util.TreeMap<>();
        config.settings().forEach((pack, settings) -> settings.forEach((name, value) ->
                overrides.put(pack + "." + name, value)));
        return new Evaluator.Settings(config.staleness().toMillis(), config.resolvedRetention().toMillis(),
                config.seriesRetention().toMillis(), packs, config.watchWindow().toMillis(),
                config.trendWindow().toMillis(), limits(config), overrides, config.valueTriggers());
    }

    /** The limits the engine enforces itself (those that depend on its state). */
    public static io.tocsin.engine.EngineLimits limits(TocsinConfig config) {
        TocsinConfig.Limits l = config.limits();
        return new io.tocsin.engine.EngineLimits(l.maxSeries(), config.futureTolerance().toMillis(), l.maxSilences(),
                l.maxSilenceDuration().toMillis(), l.auditEntries(), l.deploymentMaxAge().toMillis(),
                l.deploymentMaxAhead().toMillis());
    }

    /** What the configuration says about escalation targets, the rollback and promote commands, dry runs. */
    public static ActionPolicy policy(TocsinConfig config) {
        Map<String, List<String>> escalation = config.escalation().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue().receivers())));
        Set<String> dry = config.commands().entrySet().stream().filter(e -> e.getValue().dryRun())
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
        return new ActionPolicy(config.dryRun(), dry, escalation, config.rollback().command(),
                config.promote().command());
    }

    /** {@code tocsin.packs}, checked against the packs compiled into the knowledge base. */
    static Set<String> activePacks(TocsinConfig config, RuleCatalog catalog) {
        Set<String> known = catalog.packs();
        Set<String> wanted = config.packs().map(Set::copyOf).orElse(known);
        Set<String> unknown = new TreeSet<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("tocsin.packs names unknown packs " + unknown + "; compiled packs are "
                    + known + " (drools.kbase.tocsin.packages)");
        }
        return new TreeSet<>(wanted);
    }
}
