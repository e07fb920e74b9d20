package io.tocsin.engine.fact;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SeriesKey} instance per series the engine holds, shared with the parsers. They make a fresh key for
 * each sample and swap it for the known instance here, on the HTTP workers, in parallel; the engine's series
 * table and the journal's dictionary then find it by identity, without comparing labels on the single engine
 * thread. The engine registers a series when it takes it in and forgets it with the series, so this holds no
 * more than the series limit allows: a flood of new series refused by the limit leaves nothing here. A cache
 * only: a key not found is used as it is, and equal keys stay equal.
 */
public final class KnownSeries {

    private static final ConcurrentHashMap<SeriesKey, SeriesKey> KEYS = new ConcurrentHashMap<>();

    private KnownSeries() {
    }

    /** The instance the engine holds equal to {@code key}, or {@code key} itself. */
    public static SeriesKey canonical(SeriesKey key) {
        SeriesKey known = KEYS.get(key);
        return known != null ? known : key;
    }

    /** Whether {@code key} is the very instance the engine holds. */
    public static boolean isHeld(SeriesKey key) {
        return KEYS.get(key) == key;
    }

    /** How many series the engine holds. */
    public static int size() {
        return KEYS.size();
    }

    /** The engine holds this series now. */
    public static void register(SeriesKey key) {
        KEYS.putIfAbsent(key, key);
    }

    /** The engine forgot this series. */
    public static void forget(SeriesKey key) {
        KEYS.remove(key, key);
    }
}
