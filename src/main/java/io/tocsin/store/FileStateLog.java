package io.tocsin.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.state.EngineState;
import io.tocsin.engine.state.Entry;
import io.tocsin.engine.state.StateLog;
import io.tocsin.watch.SavedWatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jboss.logging.Logger;

/**
 * The engine's state in {@code <data-dir>/state}: journal segments ({@code journal/<first seq>.log}) of
 * CRC-framed records, and snapshots ({@code snapshot-<seq>.json.gz}). The engine thread appends (a plain write, no
 * flush); one flusher thread forces the file to disk for every waiting caller at once (group commit) and
 * completes their {@link #durable} stages in order. A snapshot is written in the background; once it is on disk the
 * segments and snapshots it makes redundant are deleted. See docs/durability.md.
 */
public final class FileStateLog implements StateLog {

    private static final Logger LOG = Logger.getLogger(FileStateLog.class);
    static final String FORMAT = "tocsin-state 1";
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 256 << 20;

    private final Path dir;
    private final Path journal;
    private final Path dataDir;
    private final ObjectMapper json;
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(r -> daemon(r, "tocsin-journal"));
    private final ExecutorService snapshotter = Executors.newSingleThreadExecutor(r -> daemon(r, "tocsin-snapshot"));
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.seq, b.seq));
    private final Object lock = new Object();

    // written by the engine thread (append), read by the flusher under lock
    private FileChannel channel;
    private EntryCodec codec;
    private long nextSeq = 1;
    private long written;
    private long flushed;
    private boolean flushQueued;
    /** The journal thread is forcing or answering its waiters. */
    private boolean flushing;
    /** How long the latest force took: an idle caller forces inline only while forcing is quick here. */
    private volatile long lastForceNanos;
    private static final long INLINE_FORCE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);
    private volatile String failure;
    private volatile long sinceSnapshot;

    private record Waiting(long seq, CompletableFuture<Void> done) {
    }

    public FileStateLog(Path dataDir, ObjectMapper json) {
        this.dataDir = dataDir;
        this.dir = dataDir.resolve("state");
        this.journal = dir.resolve("journal");
        this.json = json;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public Recovered recover() {
        closeChannel();
        try {
            Files.createDirectories(journal);
            checkFormat();
            Snapshot snapshot = latestSnapshot();
            EngineState state = snapshot == null ? legacyState() : snapshot.state;
            long snapshotSeq = snapshot == null ? 0 : snapshot.seq;
            List<Entry> entries = new ArrayList<>();
            long seq = readJournal(snapshotSeq, entries);
            nextSeq = Math.max(seq, snapshotSeq) + 1;
            synchronized (lock) {
                written = nextSeq - 1;
                flushed = written;
                failure = null;
            }
            sinceSnapshot = 0;
            openSegment(nextSeq);
            return new Recovered(state, snapshotSeq, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved state in " + dir, e);
        }
    }

    /** The state folder says which format it holds; a folder from another version is not touched. */
    private void checkFormat() throws IOException {
        Path format = dir.resolve("FORMAT");
        if (Files.exists(format)) {
            String found = Files.readString(format, StandardCharsets.UTF_8).strip();
            if (!found.equals(FORMAT)) {
                throw new IllegalStateException(format + " says '" + found + "'; this version reads '" + FORMAT
                        + "'. Start it with another data directory (tocsin.data-dir), or the version that wrote it.");
            }
        } else {
            AtomicFile.write(format, (FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Snapshot(long seq, EngineState state) {
    }

    private Snapshot latestSnapshot() throws IOException {
        List<Path> files = list(dir, "snapshot-*.json.gz");
        if (files.isEmpty()) {
            return null;
        }
        Path newest = files.get(files.size() - 1);
        long seq = number(newest.getFileName().toString(), "snapshot-", ".json.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(newest))) {
            return new Snapshot(seq, json.readValue(in, EngineState.class));
        } catch (IOException e) {
            throw new IllegalStateException(newest + " is damaged (" + e.getMessage() + "). Nothing was changed."
                    + " Move it out of " + dir + " to start from an older snapshot and the journal, if they reach"
                    + " back that far, or start with another data directory.", e);
        }
    }

    /**
     * Reads every segment in order, keeping the entries after {@code after}. A record cut short at the end of the
     * newest segment is a write the crash interrupted: it was never acknowledged, so it is cut off. Anything else
     * that does not read back stops start-up.
     */
    private long readJournal(long after, List<Entry> entries) throws IOException {
        List<Path> segments = list(journal, "*.log");
        long seq = after;
        long expected = -1;
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            long first = number(segment.getFileName().toString(), "", ".log");
            if (expected >= 0 && first != expected) {
                throw new IllegalStateException("journal segment " + segment + " starts at " + first + " but the"
                        + " one before it ends at " + (expected - 1) + ": entries are missing. Nothing was changed;"
                        + " restore the missing segment or start with another data directory.");
            }
            boolean last = i == segments.size() - 1;
            long end = readSegment(segment, first, after, last, entries);
            expected = end + 1;
            seq = Math.max(seq, end);
        }
        return seq;
    }

    /** Returns the sequence number of the segment's last good record ({@code first - 1} if it has none). */
    private long readSegment(Path segment, long first, long after, boolean last, List<Entry> entries)
            throws IOException {
        EntryCodec reader = new EntryCodec(json);
        long seq = first - 1;
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = in.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (offset < size) {
                String problem = null;
                byte[] payload = null;
                header.clear();
                int read = in.read(header, offset);
                if (read < HEADER) {
                    problem = "a record header is cut short";
                } else {
                    header.flip();
                    int length = header.getInt();
                    int crc = header.getInt();
                    if (length <= 0 || length > MAX_RECORD || offset + HEADER + length > size) {
                        problem = "a record runs past the end of the file";
                    } else {
                        payload = new byte[length];
                        in.read(ByteBuffer.wrap(payload), offset + HEADER);
                        CRC32C check = new CRC32C();
                        check.update(payload);
                        if ((int) check.getValue() != crc) {
                            problem = "a record's checksum does not match";
                        }
                    }
                    if (problem != null && !last) {
                        throw damaged(segment, offset, problem);
                    }
                    if (problem != null && length > 0 && length <= MAX_RECORD
                            && validRecordAt(in, offset + HEADER + length, size)) {
                        throw damaged(segment, offset, problem + " and a good record follows it");
                    }
                }
                if (problem != null) {
                    LOG.warnf("%s: %s at offset %d, written when the process stopped; it was never acknowledged"
                            + " and is cut off (%d bytes)", segment, problem, offset, size - offset);
                    try (FileChannel out = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                        out.truncate(offset);
                        out.force(true);
                    }
                    break;
                }
                seq++;
                Entry entry;
                try {
                    entry = reader.decode(payload);
                } catch (IOException | RuntimeException e) {
                    throw damaged(segment, offset, "a record does not decode (" + e.getMessage() + ")");
                }
                if (seq > after) {
                    entries.add(entry);
                }
                offset += HEADER + payload.length;
            }
        }
        return seq;
    }

    /** Whether a complete record with a matching checksum starts at {@code offset}. */
    private static boolean validRecordAt(FileChannel in, long offset, long size) throws IOException {
        if (offset + HEADER > size) {
            return false;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        in.read(header, offset);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > MAX_RECORD || offset + HEADER + length > size) {
            return false;
        }
        byte[] payload = new byte[length];
        in.read(ByteBuffer.wrap(payload), offset + HEADER);
        CRC32C check = new CRC32C();
        check.update(payload);
        return (int) check.getValue() == crc;
    }

    private static IllegalStateException damaged(Path segment, long offset, String problem) {
        return new IllegalStateException(segment + " is damaged at offset " + offset + ": " + problem + ". Nothing"
                + " was changed. Copy the data directory aside for analysis; to start anyway, cut the file at"
                + " that offset (entries after it are lost) or start with another data directory.");
    }

    /**
     * The deployments and watches an earlier version kept in {@code deployments.json} and {@code watches/}, as the
     * initial state, when there is no state folder yet.
     */
    private EngineState legacyState() throws IOException {
        Path deployments = dataDir.resolve("deployments.json");
        if (!Files.exists(deployments) || !list(journal, "*.log").isEmpty()) {
            return null;
        }
        List<EngineState.DeploymentState> saved = json.readValue(deployments.toFile(),
                new TypeReference<List<EngineState.DeploymentState>>() {
                });
        List<SavedWatch> watches = new ArrayList<>();
        for (Path file : list(dataDir.resolve("watches"), "*.json")) {
            watches.add(json.readValue(file.toFile(), SavedWatch.class));
        }
        LOG.infof("imported %d deployments and %d watches from %s (an earlier version's files, left in place)",
                saved.size(), watches.size(), dataDir);
        EngineState imported = new EngineState(EngineState.FORMAT, null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), saved, watches, List.of(), List.of(), 0, Map.of(), List.of(), null,
                List.of(), 0, List.of());
        writeSnapshot(imported, 0); // the state folder holds them from now on
        return imported;
    }

    private void openSegment(long first) throws IOException {
        Path file = journal.resolve(String.format("%020d.log", first));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        codec = new EntryCodec(json);
        syncDirectory(journal);
    }

    @Override
    public long append(Entry entry) {
        if (failure != null) {
            throw new Unwritable(failure, null);
        }
        EntryCodec.Encoded encoded = codec.record(entry, HEADER); // the payload after room for the header
        int length = encoded.end() - encoded.header();
        CRC32C crc = new CRC32C();
        crc.update(encoded.bytes(), encoded.header(), length);
        ByteBuffer record = ByteBuffer.wrap(encoded.bytes(), 0, encoded.end());
        record.putInt(0, length).putInt(4, (int) crc.getValue());
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
        } catch (IOException e) {
            fail("cannot write " + dir + " (" + describe(e) + ")");
            throw new Unwritable(failure, e);
        }
        sinceSnapshot += record.limit();
        long seq = nextSeq++;
        synchronized (lock) {
            written = seq;
        }
        return seq;
    }

    @Override
    public CompletionStage<Void> durable(long seq) {
        return durable(seq, false);
    }

    /**
     * Group commit: one force covers everyone waiting. With {@code now} the caller forces on its own thread (an
     * idle engine: no one to group with), unless the journal thread is at it (its waiters must be answered first:
     * answers, and with them the hand-over of actions, keep the journal's order) or forcing is slow on this disk
     * (then the caller had better go on while the journal thread forces).
     */
    @Override
    public CompletionStage<Void> durable(long seq, boolean now) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean inline;
        synchronized (lock) {
            if (failure != null) {
                done.completeExceptionally(new Unwritable(failure, null));
                return done;
            }
            boolean busy = flushQueued || flushing;
            if (seq <= flushed && !busy) {
                done.complete(null);
                return done;
            }
            waiting.add(new Waiting(seq, done));
            inline = now && !busy && lastForceNanos <= INLINE_FORCE_NANOS;
            if (!inline && !busy) {
                flushQueued = true;
                flusher.execute(() -> flush(true));
            }
            // busy: the journal thread's run queues the next one once it has answered its waiters
        }
        if (inline) {
            flush(false);
        }
        return done;
    }

    /**
     * Forces what is written to disk once for everyone waiting, then completes their stages in order.
     * {@code queued}: this is the journal thread's run; while it lasts no one else answers waiters.
     */
    private void flush(boolean queued) {
        long upTo;
        FileChannel target;
        synchronized (lock) {
            if (queued) {
                flushQueued = false;
                flushing = true;
            }
            upTo = written;
            target = channel;
        }
        String error = null;
        long started = System.nanoTime();
        try {
            target.force(false);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            error = "interrupted while forcing " + dir + " to disk";
        } catch (java.nio.channels.ClosedChannelException e) {
            synchronized (lock) {
                if (target == channel) {
                    error = "the journal in " + dir + " was closed";
                }
                // else a new segment was started meanwhile, and the old one forced before it was closed
            }
        } catch (IOException e) {
            error = "cannot force " + dir + " to disk (" + describe(e) + ")";
        }
        lastForceNanos = System.nanoTime() - started;
        List<Waiting> done = new ArrayList<>();
        synchronized (lock) {
            if (error == null && failure != null) {
                error = failure; // another force failed meanwhile: the kernel reports an error only once
            }
            if (error != null) {
                fail(error);
                done.addAll(waiting);
                waiting.clear();
            } else {
                flushed = Math.max(flushed, upTo);
                while (!waiting.isEmpty() && waiting.peek().seq <= flushed) {
                    done.add(waiting.poll());
                }
            }
        }
        for (Waiting w : done) {
            if (error != null) {
                w.done.completeExceptionally(new Unwritable(error, null));
            } else {
                w.done.complete(null);
            }
        }
        synchronized (lock) {
            if (queued) {
                flushing = false;
            }
            if (!waiting.isEmpty() && !flushQueued && !flushing) {
                flushQueued = true;
                flusher.execute(() -> flush(true));
            }
        }
    }

    @Override
    public long sinceSnapshot() {
        return sinceSnapshot;
    }

    /**
     * Starts a new segment after {@code seq} (on the engine thread, so no entry lands in between), then writes the
     * snapshot in the background and, once it is on disk, deletes the segments and snapshots it covers.
     */
    @Override
    public CompletionStage<Void> snapshot(EngineState state, long seq) {
        try {
            if (nextSeq != seq + 1) {
                throw new IllegalStateException("snapshot at " + seq + " but the journal is at " + (nextSeq - 1));
            }
            synchronized (lock) {
                FileChannel old = channel;
                old.force(false);
                openSegment(nextSeq);
                flushed = Math.max(flushed, written);
                old.close();
            }
        } catch (IOException e) {
            fail("cannot start a new journal segment in " + journal + " (" + describe(e) + ")");
            return CompletableFuture.failedFuture(new Unwritable(failure, e));
        }
        sinceSnapshot = 0;
        return CompletableFuture.runAsync(() -> writeSnapshot(state, seq), snapshotter);
    }

    /**
     * Gzip at its fastest level: in an alert storm the journal reaches {@code snapshot-bytes} every few seconds,
     * and a snapshot carries the whole action history (100,000 records, some 100 MB of JSON); level 1 deflates
     * that in 0.24 s instead of 0.59 s, into a file half as large again.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
    }

    private void writeSnapshot(EngineState state, long seq) {
        Path file = dir.resolve(String.format("snapshot-%020d.json.gz", seq));
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = new FastGzip(Files.newOutputStream(temp))) {
                json.writeValue(out, state);
            }
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next snapshot replaces it
            }
            throw new UncheckedIOException("cannot write " + file, e);
        }
        prune(seq);
    }

    /** Deletes the snapshots before {@code seq} and the segments whose every entry it covers. */
    private void prune(long seq) {
        try {
            for (Path old : list(dir, "snapshot-*.json.gz")) {
                if (number(old.getFileName().toString(), "snapshot-", ".json.gz") < seq) {
                    Files.deleteIfExists(old);
                }
            }
            List<Path> segments = list(journal, "*.log");
            for (int i = 0; i + 1 < segments.size(); i++) {
                long nextFirst = number(segments.get(i + 1).getFileName().toString(), "", ".log");
                if (nextFirst - 1 <= seq) {
                    Files.deleteIfExists(segments.get(i));
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not delete old state files in %s (%s); they are deleted after the next snapshot",
                    dir, describe(e));
        }
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    private void fail(String why) {
        if (failure == null) {
            LOG.errorf("%s: refusing input until the state can be written again", why);
        }
        failure = why;
    }

    /** Whether a probe file can be written and forced now; {@link #recover} then opens the journal again. */
    @Override
    public boolean reopen() {
        Path probe = dir.resolve("write-probe");
        try {
            Files.write(probe, new byte[4096], StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            Files.deleteIfExists(probe);
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // still failing
            }
            return false;
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        snapshotter.shutdown();
        try {
            snapshotter.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            flusher.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                LOG.warnf("closing the journal: %s", describe(e));
            }
            channel = null;
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel c = FileChannel.open(directory, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // some file systems cannot force a directory; the rename is still atomic
        }
    }

    private static List<Path> list(Path directory, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            files.forEach(out::add);
        }
        out.sort(null); // zero-padded numbers sort by name
        return out;
    }

    private static long number(String name, String prefix, String suffix) {
        return Long.parseLong(name.substring(prefix.length(), name.length() - suffix.length()));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
