package io.tocsin.engine.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fingerprints are part of alert ids, which the journal, snapshots and receivers keep: these values were made by
 * the first implementation (FNV-1a over the UTF-8 bytes, {@code String.format("%016x")}) and must never change.
 */
class FingerprintTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HighErrorRate | service=svc-1                                  | 1f2febcddda75dd9
            HighCPUUsage  | instance=host-7,job=node                       | 1f4457621ee01d7b
            Absent        | ''                                             | c6c338a6a97f4065
            Zürich        | région=île-de-france,emoji=a😀b                | ae059b861cb7b75a
            x             | k=\u007f\u0080                                 | a5082219e0ed9966
            """)
    void sameAsEver(String name, String labels, String expected) {
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : labels.isEmpty() ? new String[0] : labels.split(",")) {
            String[] kv = pair.split("=", 2);
            sorted.put(kv[0], kv[1]);
        }
        assertEquals(expected, Fingerprint.of(name, sorted));
    }
}
