package io.tocsin.durability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged state, against the packaged application: a record torn by a crash at the end of the journal is cut off
 * with a log line and Tocsin continues; a truncated snapshot or a corrupted journal record stops start-up with a
 * message naming the file and what to do, leaving the file as it was; a full disk (files limited with
 * {@code ulimit -f}) answers 503 with a clear error and never applies part of a batch.
 */
class StateDamageIT {

    private static final Map<String, String> EVENT_CLOCK = Map.of("tocsin.clock", "event");

    @TempDir
    Path dir;

    /** A batch of {@code width} new series (labels batch, i) at one instant. */
    private static String batch(int batch, int width, long second) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < width; i++) {
            out.append(i == 0 ? "" : ",").append("{\"metric\":\"damage_test\",\"labels\":{\"batch\":\"").append(batch)
                    .append("\",\"i\":\"").append(i).append("\"},\"value\":").append(batch).append(",\"timestamp\":\"")
                    .append(Instant.ofEpochMilli(Scenario.BASE + second * 1000)).append("\"}");
        }
        return out.append("]").toString();
    }

    private static void post(TocsinProcess tocsin, int batches) {
        for (int b = 0; b < batches; b++) {
            TocsinProcess.Answer answer = tocsin.send("POST", "/api/v1/samples", batch(b, 5, b * 15L));
            assertEquals(200, answer.status(), answer.body());
        }
    }

    private static String now(TocsinProcess tocsin) {
        return tocsin.get("/api/v1/clock").get("now").asText();
    }

    private static Path newest(Path folder, String glob) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted().reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + glob + " in " + folder));
        }
    }

    @Test
    void aRecordTornAtTheEndOfTheJournalIsCutOffWithALogLine() throws Exception {
        try (TocsinProcess tocsin = TocsinProcess.start("damage-torn", dir, EVENT_CLOCK)) {
            post(tocsin, 12);
            String before = now(tocsin);
            tocsin.kill();
            Path segment = newest(tocsin.dataDir().resolve("state/journal"), "*.log");
            try (FileChannel out = FileChannel.open(segment, StandardOpenOption.APPEND)) {
                // the header of a 4 KiB record, and the first bytes of it: a write the kill interrupted
                out.write(ByteBuffer.allocate(8 + 100).putInt(4096).putInt(0x12345678).rewind());
            }
            tocsin.launch();
            assertEquals(before, now(tocsin), "every acknowledged batch is back");
            assertTrue(tocsin.log().contains(segment + ": a record runs past the end of the file at offset"),
                    tocsin.tail());
            assertTrue(tocsin.log().contains("is cut off (108 bytes)"), tocsin.tail());
            post(tocsin, 1); // and it goes on writing
            tocsin.stop();
        }
    }

    @Test
    void aTruncatedSnapshotStopsStartUpNamingTheFileAndChangesNothing() throws Exception {
        TocsinProcess tocsin = TocsinProcess.start("damage-snapshot", dir, EVENT_CLOCK);
        try (tocsin) {
            post(tocsin, 12);
            tocsin.stop(); // a clean stop writes a snapshot
            Path snapshot = newest(tocsin.dataDir().resolve("state"), "snapshot-*.json.gz");
            byte[] whole = Files.readAllBytes(snapshot);
            Files.write(snapshot, java.util.Arrays.copyOf(whole, whole.length / 2));
            byte[] damaged = Files.readAllBytes(snapshot);
            assertNotEquals(0, tocsin.launchExpectingFailure(), "start-up stops");
            assertTrue(tocsin.log().contains(snapshot + " is damaged"), tocsin.tail());
            assertTrue(tocsin.log().contains("Nothing was changed. Move it out of"), tocsin.tail());
            assertArrayEquals(damaged, Files.readAllBytes(snapshot), "the file is left as it was");
        }
    }

    @Test
    void aCorruptedJournalRecordStopsStartUpNamingTheFileAndOffset() throws Exception {
        TocsinProcess tocsin = TocsinProcess.start("damage-journal", dir, EVENT_CLOCK);
        try (tocsin) {
            post(tocsin, 12);
            tocsin.kill();
            Path segment = newest(tocsin.dataDir().resolve("state/journal"), "*.log");
            byte[] bytes = Files.readAllBytes(segment);
            int length = ByteBuffer.wrap(bytes, 0, 4).getInt();
            int second = 8 + length; // the second record, followed by good ones
            bytes[second + 8 + 3] ^= 0x5a;
            Files.write(segment, bytes);
            assertNotEquals(0, tocsin.launchExpectingFailure(), "start-up stops");
            assertTrue(tocsin.log().contains(segment + " is damaged at offset " + second
                    + ": a record's checksum does not match and a good record follows it"), tocsin.tail());
            assertTrue(tocsin.log().contains("Copy the data directory aside"), tocsin.tail());
            assertArrayEquals(bytes, Files.readAllBytes(segment), "the file is left as it was");
        }
    }

    @Test
    void aFullDiskAnswers503AndNeverAppliesPartOfABatch() throws Exception {
        int width = 50;
        TocsinProcess.Answer refused = null;
        int accepted = 0;
        try (TocsinProcess tocsin = TocsinProcess.start("damage-full", dir, EVENT_CLOCK, 256L)) {
            for (int b = 0; b < 2000 && refused == null; b++) {
                TocsinProcess.Answer answer = tocsin.send("POST", "/api/v1/samples", batch(b, width, 0));
                if (answer.status() == 200) {
                    accepted++;
                    assertEquals(accepted * width, series(tocsin), "after batch " + b);
                } else {
                    refused = answer;
                }
            }
            assertTrue(refused != null, "a 256 KiB file limit is reached");
            assertEquals(503, refused.status(), refused.body());
            String message = refused.json().get("message").asText();
            assertTrue(message.startsWith("state cannot be saved: "), message);
            assertTrue(message.contains("File too large"), message);
            int applied = series(tocsin);
            assertEquals(0, applied % width, "whole batches only: " + applied);
            assertTrue(applied / width == accepted || applied / width == accepted + 1, applied + " series");
            assertEquals(503, tocsin.send("GET", "/q/health/ready", null).status(), "not ready while it cannot save");
            tocsin.kill();
        }
        // the disk has room again: everything acknowledged is there, nothing of a batch is half there
        try (TocsinProcess tocsin = TocsinProcess.start("damage-full-after", dir, EVENT_CLOCK)) {
            int restored = series(tocsin);
            assertEquals(0, restored % width, "whole batches only: " + restored);
            assertTrue(restored / width >= accepted, restored + " series after " + accepted + " accepted batches");
            assertTrue(restored / width <= accepted + 1, restored + " series after " + accepted + " accepted batches");
            assertEquals(200, tocsin.send("POST", "/api/v1/samples", batch(9999, width, 0)).status());
            tocsin.stop();
        }
    }

    private static final Pattern SERIES = Pattern.compile(
            "^tocsin_series\\{[^}]*state=\"(current|stale)\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    /** Series the engine holds (current and stale), from the metrics. */
    private static int series(TocsinProcess tocsin) {
        TocsinProcess.Answer metrics = tocsin.send("GET", "/q/metrics", null);
        Matcher m = SERIES.matcher(metrics.body());
        double total = 0;
        int found = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
            found++;
        }
        assertEquals(2, found, "tocsin_series gauges in " + List.of(metrics.body().split("\n")).stream()
                .filter(l -> l.startsWith("tocsin_series")).toList());
        return (int) total;
    }
}
