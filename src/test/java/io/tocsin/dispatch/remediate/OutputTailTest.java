package io.tocsin.dispatch.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tail of a command's output: only the last bytes are kept, whole characters only. */
class OutputTailTest {

    @Test
    void keepsTheEndOfAnyAmountOfOutput() throws Exception {
        OutputTail tail = new OutputTail(16);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            all.append(i).append(',');
        }
        tail.drain(new ByteArrayInputStream(all.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(all.substring(all.length() - 16), tail.text(100));
        assertEquals(all.substring(all.length() - 5), tail.text(5));
        assertEquals(all.length(), tail.total());
        tail.append("x".repeat(40).getBytes(StandardCharsets.UTF_8), 40); // a chunk larger than the ring
        assertEquals("x".repeat(16), tail.text(100));
    }

    @Test
    void dropsACharacterCutAtTheStart() {
        OutputTail tail = new OutputTail(4);
        byte[] bytes = "aé€".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 bytes: the ring keeps the last 4
        tail.append(bytes, bytes.length);
        assertEquals("€", tail.text(10), "the é lost its first byte, so it is dropped rather than garbled");
    }
}
