package io.tocsin.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.Engine;
import io.tocsin.engine.fact.SlaSpec;
import io.tocsin.http.InvalidInputException;
import io.tocsin.report.FileArchive;
import io.tocsin.report.SlaReportPage;
import io.tocsin.security.Roles;
import io.tocsin.sla.SlaReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/v1/sla/reports/{period}}: the SLA report of a pack that declares an SLA ({@code @sla}) over the
 * last day ({@code daily}), week ({@code weekly}) or 30 days ({@code monthly}) of engine time, as JSON (default),
 * Markdown or HTML ({@code ?format=} or the Accept header, as the watch report). {@code ?pack=} names the pack;
 * it may be left out when only one pack declares an SLA.
 */
@Path("/api/v1/sla/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class SlaResource {

    @Inject
    Engine engine;
    @Inject
    ObjectMapper json;

    @GET
    @Path("{period}")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML})
    public CompletionStage<Response> report(@PathParam("period") String period, @QueryParam("pack") String pack,
            @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        SlaReport.Period wanted = SlaReport.Period.parse(period);
        if (wanted == null) {
            throw new NotFoundException("no SLA report period '" + period + "'; the periods are daily, weekly and"
                    + " monthly (30 days)");
        }
        FileArchive.Format as = DeploymentsResource.reportFormat(format, accept);
        return engine.read(ev -> {
            List<SlaSpec> specs = ev.sla().specs();
            String which = pack;
            if (which == null) {
                if (specs.size() != 1) {
                    throw new InvalidInputException("pack", specs.isEmpty() ? "no pack declares an SLA (@sla)"
                            : "several packs declare an SLA: name one of "
                                    + specs.stream().map(SlaSpec::pack).toList());
                }
                which = specs.get(0).pack();
            }
            SlaReport report = ev.sla().report(which, wanted, ev.now().orElse(0L));
            if (report == null) {
                throw new NotFoundException("pack '" + which + "' declares no SLA");
            }
            return report;
        }).thenApply(report -> Response.ok(SlaReportPage.render(json, report, as), as.mediaType).build());
    }
}
