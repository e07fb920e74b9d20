package io.tocsin.engine.state;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the engine's state outlives the process: a write-ahead journal of {@link Entry entries} and snapshots of
 * {@link EngineState}. The engine appends each input before applying it, and the decisions it led to after; it
 * answers a request and hands on its actions only once {@link #durable} says they are on disk. Appending happens on
 * the engine thread and must not block on disk flushes; making entries durable is the log's business.
 */
public interface StateLog extends AutoCloseable {

    /** What a restart continues from: the latest snapshot (null if none) and the entries after it, in order. */
    record Recovered(EngineState snapshot, long snapshotSeq, List<Entry> entries) {
    }

    /** The log cannot be written (a full disk, an I/O error); what was being appended is not applied. */
    final class Unwritable extends RuntimeException {
        public Unwritable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads what the last run left; repairs a record cut short by a crash, refuses any other damage. */
    Recovered recover();

    /** Appends an entry and returns its sequence number; throws {@link Unwritable} if it cannot be written. */
    long append(Entry entry);

    /** Completes once every entry up to {@code seq} is on disk, or exceptionally if that failed. */
    CompletionStage<Void> durable(long seq);

    /**
     * {@link #durable(long)}, forcing the journal on the caller's thread when {@code now}: a caller with nothing
     * else to do saves the hand-off to the log's own thread and back (a sizeable part of an idle request).
     */
    default CompletionStage<Void> durable(long seq, boolean now) {
        return durable(seq);
    }

    /** Bytes appended since the latest snapshot: the engine takes a snapshot when this grows too large. */
    long sinceSnapshot();

    /**
     * Writes a snapshot of the state after entry {@code seq}, off the caller's thread, then drops the journal and
     * snapshots it makes redundant.
     */
    CompletionStage<Void> snapshot(EngineState state, long seq);

    /** Why the log cannot be written right now, if it cannot. */
    Optional<String> failure();

    /** Tries to write again after a failure (a new segment); true if the log is writable now. */
    boolean reopen();

    @Override
    void close();

    /** Keeps nothing: every entry is durable at once. For rule tests and the command-line tools. */
    static StateLog none() {
        return new StateLog() {
            private long seq;

            @Override
            public Recovered recover() {
                return new Recovered(null, 0, List.of());
            }

            @Override
            public long append(Entry entry) {
                return ++seq;
            }

            @Override
            public CompletionStage<Void> durable(long upTo) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public long sinceSnapshot() {
                return 0;
            }

            @Override
            public CompletionStage<Void> snapshot(EngineState state, long upTo) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public Optional<String> failure() {
                return Optional.empty();
            }

            @Override
            public boolean reopen() {
                return true;
            }

            @Override
            public void close() {
                // nothing kept
            }
        };
    }
}
