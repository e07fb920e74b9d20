package io.tocsin.ingest.remotewrite;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.http.InvalidInputException;
import io.tocsin.http.RequestRefusedException;
import io.tocsin.ingest.BodyWork;
import io.tocsin.ingest.IngestMetrics;
import io.tocsin.ingest.SeriesRules;
import io.tocsin.ingest.remotewrite.SnappyBlock.CorruptSnappyException;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 (a Snappy-compressed protobuf {@code WriteRequest}),
 * into the same validation, atomic batch and engine path as {@code POST /api/v1/samples}. Answers follow the
 * remote-write specification: 204 once the batch is on disk, while the engine evaluates it ({@link Engine#accept});
 * 400 (JSON body naming the time series and label) for data a retry cannot fix, and the sender drops it; 413/415
 * for a body too large or of the wrong kind; 503 with {@code Retry-After} when the engine is behind ({@link
 * Engine#accept} refuses the batch), which the sender retries with backoff.
 *
 * <p>Decompression and decoding run off the engine thread, in parallel with it: a small body on the event loop,
 * a large one on a worker thread ({@link BodyWork}).
 */
@Path("/api/v1/write")
@RolesAllowed(Roles.INGEST)
public class RemoteWriteResource {

    private static final Logger LOG = Logger.getLogger(RemoteWriteResource.class);
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String WRITE_REQUEST_V1 = "prometheus.WriteRequest";
    /** Decompression buffers up to this size are kept per thread, bigger ones are allocated each time. */
    private static final int REUSED_BUFFER = 512 * 1024;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private static final long LOG_EVERY_MILLIS = 60_000;

    @Inject
    TocsinConfig config;
    @Inject
    IngestMetrics metrics;
    @Inject
    Engine engine;
    /** Series met before, by their label bytes: decoded once, not on every request. */
    @Inject
    WireKeys wireKeys;

    private final Counter histogramsDropped;
    private volatile SeriesRules rules;
    private final AtomicBoolean histogramsLogged = new AtomicBoolean();
    private final AtomicLong nextRejectionLog = new AtomicLong();
    private final AtomicLong rejectionsNotLogged = new AtomicLong();

    @Inject
    public RemoteWriteResource(MeterRegistry registry) {
        this.histogramsDropped = Counter.builder("tocsin.remote.write.histograms.dropped")
                .description("Native histogram samples received by remote write and skipped").register(registry);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> write(@HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String encoding, @HeaderParam("User-Agent") String userAgent,
            byte[] body) {
        checkContentType(contentType);
        checkEncoding(encoding);
        // decoding works on the decompressed bytes, which Snappy's header announces (up to 21x the body)
        long size = body == null ? 0 : Math.max(body.length, SnappyBlock.declaredLength(body, body.length));
        return BodyWork.run(size, () -> decodeAndSubmit(userAgent, body));
    }

    private CompletionStage<Response> decodeAndSubmit(String userAgent, byte[] body) {
        WriteRequestDecoder.Decoded decoded;
        try {
            decoded = decode(body == null ? new byte[0] : body);
        } catch (InvalidInputException e) {
            logRejection(userAgent, 400, e.getMessage());
            throw e;
        } catch (RequestRefusedException e) {
            logRejection(userAgent, e.status(), e.getMessage());
            throw e;
        }
        if (decoded.histograms() > 0) {
            histogramsDropped.increment(decoded.histograms());
            if (histogramsLogged.compareAndSet(false, true)) {
                LOG.warnf("remote write: native histogram samples are not supported and are skipped (from %s; "
                        + "counted in tocsin_remote_write_histograms_dropped_total, logged once)", userAgent);
            }
        }
        if (decoded.samples().isEmpty()) {
            // metadata-only requests (Prometheus sends them every minute) and series without float samples
            return CompletableFuture.completedFuture(Response.noContent().build());
        }
        return engine.accept(new SampleBatch(decoded.samples())).thenApply(result -> Response.noContent().build());
    }

    private WriteRequestDecoder.Decoded decode(byte[] body) {
        if (body.length == 0) {
            throw new InvalidInputException("body", "empty; expected a Snappy-compressed protobuf WriteRequest");
        }
        long declared = SnappyBlock.declaredLength(body, body.length);
        if (declared < 0) {
            throw new InvalidInputException("body", "not Snappy block data: invalid uncompressed length header");
        }
        long limit = config.remoteWrite().maxDecodedSize().asLongValue();
        if (declared > limit) {
            throw new RequestRefusedException(413, "body", "decompresses to " + declared + " bytes, more than "
                    + limit + " (tocsin.remote-write.max-decoded-size)");
        }
        byte[] buffer = BUFFER.get();
        if (buffer.length < declared) {
            buffer = new byte[(int) declared];
            if (declared <= REUSED_BUFFER) {
                BUFFER.set(buffer);
            }
        }
        int length;
        try {
            length = SnappyBlock.decompress(body, body.length, buffer);
        } catch (CorruptSnappyException e) {
            throw new InvalidInputException("body", "not valid Snappy block data: " + e.getMessage());
        }
        try {
            return WriteRequestDecoder.decode(buffer, length, SeriesRules.latestAllowed(config), rules(), wireKeys);
        } catch (InvalidInputException e) {
            metrics.rejected(WriteRequestDecoder.countSamples(buffer, length));
            throw e;
        }
    }

    private SeriesRules rules() {
        SeriesRules r = rules;
        if (r == null) {
            rules = r = SeriesRules.of(config);
        }
        return r;
    }

    /** Remote write 1.0 only; like Prometheus, a request without a Content-Type is taken as 1.0. */
    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(PROTOBUF)) {
            throw new RequestRefusedException(415, "Content-Type", "expected " + PROTOBUF
                    + " (a Prometheus remote write 1.0 WriteRequest), got '" + contentType.trim() + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param.length == 2 && param[0].trim().equalsIgnoreCase("proto")
                    && !param[1].trim().equals(WRITE_REQUEST_V1)) {
                throw new RequestRefusedException(415, "Content-Type", "only remote write 1.0 (proto="
                        + WRITE_REQUEST_V1 + ") is accepted, got proto=" + param[1].trim());
            }
        }
    }

    /** Snappy only; like Prometheus, a request without a Content-Encoding is taken as Snappy. */
    private static void checkEncoding(String encoding) {
        if (encoding != null && !encoding.isBlank() && !encoding.trim().toLowerCase(Locale.ROOT).equals("snappy")) {
            throw new RequestRefusedException(415, "Content-Encoding",
                    "expected snappy (block format), got '" + encoding.trim() + "'");
        }
    }

    /** A sender drops a batch answered with a 4xx, so say why, once a minute at most. */
    private void logRejection(String userAgent, int status, String message) {
        long now = System.currentTimeMillis();
        long next = nextRejectionLog.get();
        if (now >= next && nextRejectionLog.compareAndSet(next, now + LOG_EVERY_MILLIS)) {
            long more = rejectionsNotLogged.getAndSet(0);
            LOG.warnf("remote write from %s rejected with %d, the sender drops the batch: %s%s", userAgent, status,
                    message, more == 0 ? "" : " (and " + more + " more rejected requests not logged)");
        } else {
            rejectionsNotLogged.incrementAndGet();
        }
    }
}
