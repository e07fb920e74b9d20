package io.tocsin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.watch.Archive;
import io.tocsin.store.AtomicFile;
import io.tocsin.watch.Evidence;
import io.tocsin.engine.rules.RuleCatalog;
import io.tocsin.watch.WatchLog;
import io.tocsin.watch.WatchEvent;
import io.tocsin.watch.CheckpointRecord;
import io.tocsin.watch.history.History;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The data directory's archive: {@code reports/<deployment>/report.{json,md,html}} (the final report of each
 * watch, written when it closes) and {@code evidence/<deployment>/<time>.json} (the bundle of each rollback).
 * Files are replaced atomically, so a reader never sees half a report.
 */
public final class FileArchive implements Archive {

    private static final Logger LOG = Logger.getLogger(FileArchive.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The report formats, by file extension, with their media types. */
    public enum Format {
        JSON("json", "application/json"), MARKDOWN("md", "text/markdown; charset=utf-8"),
        HTML("html", "text/html; charset=utf-8");

        public final String extension;
        public final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    private final Path dataDir;
    private final ObjectMapper json;
    private final RuleCatalog catalog;

    public FileArchive(Path dataDir, ObjectMapper json, RuleCatalog catalog) {
        this.dataDir = dataDir;
        this.json = json;
        this.catalog = catalog;
    }

    @Override
    public void watchClosed(WatchLog log, History history, long now) {
        WatchReport report = WatchReport.build(log, history, catalog, now, true);
        String evidenceHref = report.evidence() == null ? null : "../../" + report.evidence();
        for (Format format : Format.values()) {
            AtomicFile.write(reportFile(dataDir, report.deployment(), format),
                    render(json, report, format, evidenceHref).getBytes(StandardCharsets.UTF_8));
        }
        LOG.infof("final report of deployment '%s' written to %s", report.deployment(),
                reportFile(dataDir, report.deployment(), Format.HTML));
    }

    @Override
    public String evidence(Evidence evidence) {
        String relative = "evidence/" + evidence.deployment() + "/"
                + STAMP.format(Instant.ofEpochMilli(evidence.rollback().at())) + ".json";
        try {
            AtomicFile.write(dataDir.resolve(relative), json.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(evidence));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the evidence of " + evidence.deployment(), e);
        }
        return relative;
    }

    /** A report in a format; {@code evidenceHref} is where the HTML page links the rollback evidence. */
    public static String render(ObjectMapper json, WatchReport report, Format format, String evidenceHref) {
        try {
            return switch (format) {
                case JSON -> json.writerWithDefaultPrettyPrinter().writeValueAsString(report);
                case MARKDOWN -> MarkdownReport.render(report);
                case HTML -> HtmlReport.render(report, evidenceHref);
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the report of " + report.deployment(), e);
        }
    }

    public static Path reportFile(Path dataDir, String deployment, Format format) {
        return dataDir.resolve("reports").resolve(deployment).resolve("report." + format.extension);
    }

    /** The final report in a format, if one was written. */
    public static Optional<Path> finalReport(Path dataDir, String deployment, Format format) {
        Path file = reportFile(dataDir, deployment, format);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
