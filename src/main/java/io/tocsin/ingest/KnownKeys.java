package io.tocsin.ingest;

import io.tocsin.engine.fact.SeriesKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SeriesKey} instance per series, shared by every batch that names it. The parsers make a fresh key for
 * each sample; handing on the known instance instead lets the engine's series table and the journal's dictionary
 * find it by identity, without comparing labels, on the single engine thread. The comparison happens here, on the
 * HTTP workers, in parallel. A cache only: when it holds {@link #MAX} keys (series churn, or a flood the series
 * limit refuses later) it starts again empty, which costs nothing but those comparisons for a while.
 */
public final class KnownKeys {

    static final int MAX = 1 << 20;
    private static final ConcurrentHashMap<SeriesKey, SeriesKey> KEYS = new ConcurrentHashMap<>();

    private KnownKeys() {
    }

    /** The instance already seen equal to {@code key}, or {@code key}, which is then the one. */
    public static SeriesKey canonical(SeriesKey key) {
        SeriesKey known = KEYS.putIfAbsent(key, key);
        if (known != null) {
            return known;
        }
        if (KEYS.size() > MAX) {
            KEYS.clear();
        }
        return key;
    }
}
