package io.tocsin.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tocsin.config.TocsinConfig;
import io.tocsin.engine.Engine;
import io.tocsin.engine.input.IngestResult;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.http.InvalidInputException;
import io.tocsin.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/v1/samples}: validates a JSON array of samples and hands the batch to the engine. The
 * response is the engine's completion, so a 2xx means the batch is evaluated. Parsing runs off the engine
 * thread, so it proceeds in parallel (a small body on the event loop, a large one on a worker: {@link BodyWork}):
 * a valid batch is read in one streaming pass
 * ({@link SampleStream}); anything else is read again as a tree by {@link SampleParser}, which names the problem.
 */
@Path("/api/v1/samples")
@RolesAllowed(Roles.INGEST)
public class SamplesResource {

    @Inject
    TocsinConfig config;
    @Inject
    IngestMetrics metrics;
    @Inject
    Engine engine;

    private final ObjectReader reader;
    private final JsonFactory json;
    private volatile SeriesRules rules;

    @Inject
    public SamplesResource(ObjectMapper mapper) {
        this.json = mapper.getFactory();
        this.reader = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<IngestResult> ingest(byte[] body) {
        return BodyWork.run(body == null ? 0 : body.length, () -> parseAndSubmit(body));
    }

    private CompletionStage<IngestResult> parseAndSubmit(byte[] body) {
        long latestAllowed = SeriesRules.latestAllowed(config);
        SampleBatch batch = body == null ? null : SampleStream.tryParse(json, body, latestAllowed, rules());
        if (batch != null) {
            return engine.submit(batch);
        }
        JsonNode tree = readJson(body); // a problem or a rare shape: the tree parser words it or takes it
        try {
            batch = SampleParser.parse(tree, latestAllowed, rules());
        } catch (InvalidInputException e) {
            metrics.rejected(tree.isArray() ? tree.size() : 0);
            throw e;
        }
        return engine.submit(batch);
    }

    private SeriesRules rules() {
        SeriesRules r = rules;
        if (r == null) {
            rules = r = SeriesRules.of(config);
        }
        return r;
    }

    private JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "empty; expected a JSON array of samples");
        }
        try {
            return reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                                    + ")"));
        } catch (IOException e) {
            throw new InvalidInputException("body", "unreadable: " + e.getMessage());
        }
    }
}
