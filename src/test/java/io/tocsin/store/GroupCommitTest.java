package io.tocsin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.input.Acknowledge;
import io.tocsin.engine.state.Entry;
import java.nio.file.Path;
import java.util.List;
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
    void forcedNowIsDoneOnReturnAndAnswersEveryoneWaitingBeforeIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (FileStateLog log = new FileStateLog(dir, json)) {
            log.recover();
            long first = log.append(ack(1));
            CompletableFuture<Void> queued = log.durable(first).toCompletableFuture();
            long second = log.append(ack(2));
            CompletableFuture<Void> now = log.durable(second, true).toCompletableFuture();
            assertTrue(now.isDone(), "forced on this thread before durable returned");
            now.get();
            queued.get(5, TimeUnit.SECONDS); // on disk too, whichever thread forced it

            long third = log.append(ack(3));
            log.durable(third, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(log.durable(third, true).toCompletableFuture().isDone(), "already on disk: answered at once");
        }
        try (FileStateLog again = new FileStateLog(dir, json)) {
            List<Entry> entries = again.recover().entries();
            assertEquals(List.of(ack(1), ack(2), ack(3)), entries);
        }
    }
}
