package io.tocsin.ingest.remotewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tocsin.ingest.remotewrite.SnappyBlock.CorruptSnappyException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Snappy block decoder against snappy-java's compressor, and on hand-made corrupt blocks. */
class SnappyBlockTest {

    static Stream<Arguments> payloads() {
        Random random = new Random(42);
        byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        byte[] mixed = new byte[300_000]; // runs, repeats and noise: every element kind snappy emits
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (byte) (i % 1000 < 500 ? i % 7 : random.nextInt(4));
        }
        return Stream.of(
                Arguments.of("one byte", new byte[] {7}),
                Arguments.of("text", "genesis_error_ratio{service=\"genesis\"} ".repeat(50)
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("one long run", new byte[100_000]),
                Arguments.of("noise (long literals)", noise),
                Arguments.of("mixed", mixed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void decodesWhatSnappyJavaEncodes(String name, byte[] raw) {
        byte[] compressed = WriteRequestBuilder.compress(raw);
        assertEquals(raw.length, SnappyBlock.declaredLength(compressed, compressed.length));
        byte[] out = new byte[raw.length + 10];
        int n = SnappyBlock.decompress(compressed, compressed.length, out);
        assertEquals(raw.length, n);
        assertArrayEquals(raw, Arrays.copyOf(out, n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void everyTruncationIsReportedNeverAnIndexError(String name, byte[] raw) {
        byte[] compressed = WriteRequestBuilder.compress(raw);
        int step = Math.max(1, compressed.length / 200);
        for (int cut = 1; cut < compressed.length; cut += step) {
            byte[] out = new byte[raw.length];
            int length = cut;
            CorruptSnappyException e = assertThrows(CorruptSnappyException.class,
                    () -> SnappyBlock.decompress(compressed, length, out), "cut at " + cut);
            assertTrue(e.getMessage().contains("at compressed byte"), e.getMessage());
        }
    }

    static Stream<Arguments> handMade() {
        return Stream.of(
                // 4-byte-offset copies and 3- and 4-byte literal lengths: valid, though snappy's compressor
                // (64 KiB fragments) never emits them
                Arguments.of("copy with a 4-byte offset", bytes(6, 2 << 2, 'a', 'b', 'c', (2 << 2) | 3, 3, 0, 0, 0),
                        "abcabc"),
                Arguments.of("literal with a 3-byte length", bytes(2, 62 << 2, 1, 0, 0, 'h', 'i'), "hi"),
                Arguments.of("literal with a 4-byte length", bytes(2, 63 << 2, 1, 0, 0, 0, 'h', 'i'), "hi"),
                Arguments.of("overlapping copy (a run)", bytes(9, 0, 'x', 1 | (4 << 2), 1), "xxxxxxxxx"),
                Arguments.of("empty", bytes(0), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handMade")
    void decodesHandMadeBlocks(String name, byte[] block, String expected) {
        byte[] out = new byte[expected.length()];
        int n = SnappyBlock.decompress(block, block.length, out);
        assertEquals(expected, new String(out, 0, n, StandardCharsets.ISO_8859_1));
    }

    static Stream<Arguments> corrupt() {
        return Stream.of(
                Arguments.of("no header", bytes(), "invalid uncompressed length header"),
                Arguments.of("header never ends", bytes(0x80, 0x80, 0x80, 0x80, 0x80, 1), "length header"),
                Arguments.of("no data after the header", bytes(5), "ends after 0 of the declared 5 bytes"),
                Arguments.of("literal past the input", bytes(5, 4 << 2, 'a', 'b'), "runs past the end of the input"),
                Arguments.of("literal past the declared length", bytes(1, 2 << 2, 'a', 'b', 'c'),
                        "runs past the declared length 1"),
                Arguments.of("copy offset zero", bytes(8, 0, 'a', 1 | (4 << 2), 0), "copy offset 0"),
                Arguments.of("copy before the start", bytes(8, 4, 'a', 'b', 1 | (4 << 2), 5), "copy offset 5"),
                Arguments.of("copy past the declared length", bytes(5, 4, 'a', 'b', 1 | (4 << 2), 2),
                        "copy runs past the declared length 5"),
                Arguments.of("truncated copy", bytes(5, 4, 'a', 'b', 2), "truncated copy"),
                Arguments.of("truncated literal length", bytes(5, 61 << 2, 1), "truncated literal length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void rejectsCorruptBlocksNamingTheProblem(String name, byte[] block, String message) {
        long declared = SnappyBlock.declaredLength(block, block.length);
        byte[] out = new byte[(int) Math.max(0, Math.min(declared, 1000))];
        CorruptSnappyException e = assertThrows(CorruptSnappyException.class,
                () -> SnappyBlock.decompress(block, block.length, out));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
