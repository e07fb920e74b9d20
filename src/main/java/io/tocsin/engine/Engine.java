package io.tocsin.engine;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.ActionLog;
import io.tocsin.dispatch.ActionOutlet;
import io.tocsin.dispatch.ActionPlanner;
import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.DispatchPolicy;
import io.tocsin.dispatch.silence.Silences;
import io.tocsin.engine.fact.ActionResult;
import io.tocsin.ingest.IngestResult;
import io.tocsin.ingest.SampleBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieRuntimeBuilder;
import org.kie.api.runtime.KieSession;

/**
 * Owns the one {@link Evaluator} and the one thread allowed to touch it. Batches, clock advances, ticks and
 * queries are queued onto that thread in arrival order, so the Drools session never sees two callers and a
 * query sees a state between passes, never in the middle of one.
 */
@ApplicationScoped
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    @Inject
    KieRuntimeBuilder runtime;
    @Inject
    TocsinConfig config;
    @Inject
    EngineMetrics metrics;
    @Inject
    Silences silences;
    @Inject
    ActionLog actionLog;
    @Inject
    ActionOutlet outlet;
    @Inject
    ObjectMapper json;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tocsin-engine");
        t.setDaemon(true);
        return t;
    });
    private volatile Evaluator evaluator;
    private volatile RuleCatalog catalog;
    private volatile Set<String> packs = Set.of();

    void start(@Observes StartupEvent event) throws InterruptedException, ExecutionException {
        if (!config.serve()) {
            return; // a command-line tool: it builds sessions of its own
        }
        thread.submit(this::open).get();
        if (config.clock() == TocsinConfig.ClockMode.WALL) {
            long every = config.tick().toMillis();
            thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void open() {
        KieSession session = runtime.newKieSession(config.session());
        catalog = RuleCatalog.of(session.getKieBase());
        packs = activePacks(catalog);
        Evaluator.Settings settings = new Evaluator.Settings(config.staleness().toMillis(),
                config.resolvedRetention().toMillis(), config.seriesRetention().toMillis(), packs,
                config.watchWindow().toMillis(), config.trendWindow().toMillis());
        boolean eventTime = config.clock() == TocsinConfig.ClockMode.EVENT;
        ActionPlanner planner = new ActionPlanner(DispatchPolicy.from(config), silences, actionLog, outlet::send);
        DeploymentStore deployments = new FileDeploymentStore(Path.of(config.dataDir()), json);
        Path dataDir = Path.of(config.dataDir());
        evaluator = new Evaluator(session, catalog, settings, eventTime ? null : System::currentTimeMillis, planner,
                deployments, WatchStore.files(dataDir, json), new io.tocsin.report.FileArchive(dataDir, json, catalog));
        metrics.bind(this);
        LOG.infof("engine ready: packs %s, %d rules (%d alert rules), %s clock, staleness %s", packs,
                catalog.all().size(), catalog.alertRules().size(), eventTime ? "event" : "wall", config.staleness());
    }

    /** {@code tocsin.packs}, checked against the packs compiled into the knowledge base. */
    private Set<String> activePacks(RuleCatalog catalog) {
        Set<String> known = catalog.packs();
        Set<String> wanted = config.packs().map(Set::copyOf).orElse(known);
        Set<String> unknown = new java.util.TreeSet<>(wanted);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("tocsin.packs names unknown packs " + unknown + "; compiled packs are "
                    + known + " (drools.kbase.tocsin.packages)");
        }
        return new java.util.TreeSet<>(wanted);
    }

    void stop(@Observes ShutdownEvent event) {
        thread.shutdown();
        boolean idle = false;
        try {
            idle = thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (evaluator != null && idle) {
            // only once the engine thread is done with the session
            try {
                evaluator.saveWatches();
            } finally {
                evaluator.close();
            }
        }
    }

    private void tick() {
        try {
            evaluator.tick();
        } catch (Throwable e) {
            // never let it escape: the executor would cancel the tick for good
            LOG.error("evaluation on clock tick failed", e);
        }
    }

    /** Applies a batch on the engine thread; completes once it is fully evaluated. */
    public CompletionStage<IngestResult> apply(SampleBatch batch) {
        return call(ev -> {
            long started = System.nanoTime();
            IngestResult result = ev.apply(batch);
            metrics.evaluated(result, System.nanoTime() - started);
            return result;
        });
    }

    /** Event time only: moves now forward and evaluates; completes with the new now (epoch ms). */
    public CompletionStage<Long> advanceTo(long time) {
        return call(ev -> {
            ev.advanceTo(time);
            return time;
        });
    }

    /** Feeds a delivery's final outcome back to the rules, on the engine thread, at the engine's now. */
    public void feed(ActionRecord record, boolean success, Integer exitCode) {
        call(ev -> {
            long now = ev.now().orElse(0L);
            int attempt = record.remediationAttempt() == null ? 1 : record.remediationAttempt();
            ev.feed(new ActionResult(Long.toString(record.id()), record.type(), record.receiver(),
                    record.destination(), record.alert(), attempt, success, exitCode, now));
            return null;
        }).exceptionally(t -> {
            LOG.error("feeding back the result of " + record + " failed", t);
            return null;
        });
    }

    /** Runs work on the engine thread, between passes. */
    public <T> CompletionStage<T> call(Function<Evaluator, T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                result.complete(work.apply(evaluator));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    public boolean eventTime() {
        return config.clock() == TocsinConfig.ClockMode.EVENT;
    }

    public boolean ready() {
        return evaluator != null && !thread.isShutdown();
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    /** The rule packs that may fire. */
    public Set<String> packs() {
        return packs;
    }

    /** Sizes after the last pass; safe from any thread. */
    public Evaluator.Counts counts() {
        Evaluator ev = evaluator;
        return ev == null ? new Evaluator.Counts(0, 0, 0, 0, 0) : ev.counts();
    }
}
