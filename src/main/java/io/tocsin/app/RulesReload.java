package io.tocsin.app;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.engine.rules.RuleCompiler;
import io.tocsin.engine.rules.RuleSet;
import io.tocsin.http.ApiError;
import io.tocsin.security.Caller;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.kie.api.runtime.KieRuntimeBuilder;

/**
 * Rules reload, as Prometheus users know it: {@code POST /-/reload} (admin) and {@code SIGHUP} compile
 * {@code tocsin.rules-dir} again. If anything fails the running rules are kept and the answer lists the problems
 * as {@code file:line: message}; otherwise the engine swaps to the new rules keeping its state (see
 * {@link Engine#reload}). One reload at a time. Lives in the composition root because it needs the compiler and
 * the configuration, which the API layer does not know.
 *
 * <p>Reloads are operator actions: the audit trail records each one ({@code reload-rules}) with who asked (the
 * token, or {@code SIGHUP}), applied with the rules it removed, or refused with the first compile problem.
 */
@Path("/-/reload")
@ApplicationScoped
public class RulesReload {

    private static final Logger LOG = Logger.getLogger(RulesReload.class);

    /** What a successful reload answers. */
    public record Reloaded(String status, String origin, String hash, List<String> removedRules, int resolvedAlerts) {
    }

    /** Why a reload was refused. */
    public static final class Refused extends Exception {
        private final ApiError error;

        Refused(ApiError error) {
            super(error.message());
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }

    @Inject
    TocsinConfig config;
    @Inject
    Engine engine;
    @Inject
    KieRuntimeBuilder runtime;
    @Inject
    Caller caller;

    /** SIGHUP reloads too (on the JVM; a native build keeps its built-in rules). */
    void onStart(@Observes StartupEvent event) {
        if (!config.serve() || config.rulesDir().isEmpty()) {
            return;
        }
        if (hangupIgnored(java.nio.file.Path.of("/proc/self/status"))) {
            // the JVM never takes over a signal the process was started ignoring (nohup does that to SIGHUP)
            LOG.warn("SIGHUP is ignored in this process (started under nohup?), so kill -HUP cannot reload the"
                    + " rules; use POST /-/reload, or start Tocsin without nohup (systemd, or setsid)");
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                Thread worker = new Thread(() -> {
                    try {
                        reload(new Origin("SIGHUP", null, System.currentTimeMillis()));
                    } catch (Refused e) {
                        LOG.errorf("SIGHUP: %s", e.getMessage());
                    }
                }, "tocsin-reload");
                // the compiler finds the fact classes through the context class loader: the application's
                worker.setContextClassLoader(RulesReload.class.getClassLoader());
                worker.setDaemon(true);
                worker.start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warnf("SIGHUP cannot be handled here (%s); use POST /-/reload", e.getMessage());
        }
    }

    /**
     * Whether SIGHUP is ignored, from the {@code SigIgn} mask of a Linux {@code /proc/<pid>/status} (bit 0 is
     * signal 1); false where there is no such file or line.
     */
    static boolean hangupIgnored(java.nio.file.Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 1L) != 0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            LOG.debugf("cannot tell whether SIGHUP is ignored: %s", e.getMessage());
        }
        return false;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post() {
        try {
            return Response.ok(reload(new Origin(caller.name(), caller.address(), System.currentTimeMillis())))
                    .build();
        } catch (Refused e) {
            return Response.status(e.error().status()).type(MediaType.APPLICATION_JSON).entity(e.error()).build();
        }
    }

    /**
     * Compiles the rules folder and swaps to it, asked by {@code origin}; throws {@link Refused} with what went
     * wrong, changing nothing.
     */
    public synchronized Reloaded reload(Origin origin) throws Refused {
        if (config.rulesDir().isEmpty()) {
            throw new Refused(new ApiError(409, "tocsin.rules-dir", "this instance runs the rules built into it;"
                    + " set tocsin.rules-dir to the rules folder to reload from it"));
        }
        java.nio.file.Path folder = java.nio.file.Path.of(config.rulesDir().get());
        if (!Files.isDirectory(folder)) {
            throw new Refused(new ApiError(409, "tocsin.rules-dir", "the rules folder " + folder
                    + " does not exist; the running rules are kept"));
        }
        long started = System.nanoTime();
        RuleSet next;
        try {
            next = Wiring.fromFolder(runtime, config, folder);
            Wiring.activePacks(config, next.catalog());
        } catch (RuleCompiler.CompileException e) {
            throw audited(origin, refused(folder, e.problems()));
        } catch (RuleCatalog.InvalidMetadata e) {
            throw audited(origin, refused(null, e.problems()));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw audited(origin, new Refused(new ApiError(400, "rules", e.getMessage()
                    + "; the running rules are kept")));
        }
        try {
            Engine.Reloaded done = engine.reload(next, origin).toCompletableFuture().get(5, TimeUnit.MINUTES);
            LOG.infof("rules reload from %s: %s in %d ms (%s)", folder, done.changed() ? "swapped" : "unchanged",
                    (System.nanoTime() - started) / 1_000_000, done.hash());
            return new Reloaded(done.changed() ? "reloaded" : "unchanged", done.origin(), done.hash(),
                    done.removedRules(), done.resolved());
        } catch (ExecutionException e) {
            throw new Refused(new ApiError(503, null, "the rules could not be swapped: "
                    + e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new Refused(new ApiError(503, null, "the engine did not take the new rules within 5 minutes"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(new ApiError(503, null, "interrupted"));
        }
    }

    /**
     * Records a refused reload in the audit trail (the engine refuses the input it is given, changing nothing);
     * the answer does not wait for it.
     */
    private Refused audited(Origin origin, Refused refused) {
        try {
            engine.submit(new Attributed<>(origin, new io.tocsin.engine.input.Refused("reload-rules",
                    refused.error().field(), refused.error().message())));
        } catch (RuntimeException e) {
            LOG.warnf("the refused reload could not be recorded in the audit trail: %s", e.getMessage());
        }
        return refused;
    }

    /** Problems as {@code <rules folder>/<file>:<line>: message}, so an editor can jump to them. */
    private static Refused refused(java.nio.file.Path folder, List<String> problems) {
        String prefix = folder == null ? "" : folder.toString().replaceAll("/+$", "") + "/";
        List<String> located = problems.stream().map(p -> prefix + p).toList();
        LOG.errorf("rules reload refused; the running rules are kept:%n  %s", String.join("\n  ", located));
        return new Refused(new ApiError(400, "rules", "the rules do not compile; the running rules are kept. "
                + located.get(0) + (located.size() > 1 ? " (and " + (located.size() - 1) + " more)" : ""),
                located));
    }
}
