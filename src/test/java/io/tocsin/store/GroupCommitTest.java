package io.tocsin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.state.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's answer to "is it on disk": forced on the caller's thread when the caller asks for it now (an
 * idle engine), by the journal's thread otherwise; either way every waiter up to the forced entry is answered,
 * and what was answered is what a restart reads back.
 */
class GroupCommitTest {

    @TempDir
    Path dir;

    private static Entry ack(int i) {
        return new Entry.Applied(i, new Acknowledge("a" + i, "alice", "entry " + i));
    }

    @Test
    void forcedNowIsDoneOnReturn() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (FileStateLog log = new FileStateLog(dir, json)) {
            log.recover();
            long first = log.append(ack(1));
            // nothing has forced yet and the journal thread is idle: this thread forces
            CompletableFuture<Void> now = log.durable(first, true).toCompletableFuture();
            assertTrue(now.isDone(), "forced on this thread before durable returned");
            now.get();
            assertTrue(log.durable(first, true).toCompletableFuture().isDone(), "already on disk: answered at once");

            long second = log.append(ack(2));
            log.durable(second, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
            long third = log.append(ack(3));
            // here or, while the journal thread is still answering the second, by that thread
            log.durable(third, true).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (FileStateLog again = new FileStateLog(dir, json)) {
            List<Entry> entries = again.recover().entries();
            assertEquals(List.of(ack(1), ack(2), ack(3)), entries);
        }
    }

    /**
     * The engine hands a batch's actions over when its answer comes, so answers must come in journal order even
     * when the journal thread is still answering a group as an idle engine forces the next entry itself.
     */
    @Test
    void answersComeInJournalOrderWhicheverThreadForces() throws Exception {
        Random random = new Random(13);
        List<Long> answered = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        try (FileStateLog log = new FileStateLog(dir, new ObjectMapper())) {
            log.recover();
            for (int i = 1; i <= 3000; i++) {
                long seq = log.append(ack(i));
                CompletableFuture<Void> done = log.durable(seq, random.nextInt(3) == 0).toCompletableFuture();
                all.add(done.thenRun(() -> {
                    answered.add(seq);
                    long until = System.nanoTime() + 20_000; // a callback that takes a moment, like a hand-over
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        for (int i = 1; i < answered.size(); i++) {
            assertTrue(answered.get(i - 1) < answered.get(i), "answered " + answered.get(i - 1) + " before "
                    + answered.get(i) + " but the journal has them the other way round");
        }
        assertEquals(3000, answered.size());
    }
}
