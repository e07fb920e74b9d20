package io.tocsin.ingest.remotewrite;

import io.tocsin.engine.fact.KnownSeries;
import io.tocsin.engine.fact.SeriesKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series the engine holds, by the exact bytes of their labels in a remote-write {@code TimeSeries}. Prometheus
 * sends the same series with the same label bytes every time, so a series met before needs no decoding, no
 * validation and no new key: the bytes are hashed and compared, and the engine's own key instance comes back.
 * Those bytes were decoded and validated when the key was first made, and validation depends on nothing else
 * (the limits are fixed for the life of this instance: one per running application, outliving the requests).
 *
 * <p>Only keys the engine holds are remembered ({@link KnownSeries}), so refused floods of new series leave
 * nothing here; it holds at most a few thousand entries more than the engine holds series, and starts afresh
 * beyond that (series the engine forgot, or one series sent with its labels in several orders). A key found here
 * for a series the engine has since forgotten is still the right key: keys are values.
 */
@jakarta.inject.Singleton
public class WireKeys {

    /** Entries beyond the series the engine holds before the cache starts afresh. */
    private static final int SLACK = 4096;

    /**
     * Label bytes: a copy when stored, a view of the request when looked up (then one instance per decoder,
     * pointed at each series in turn: a lookup allocates nothing).
     */
    static final class Wire {
        private byte[] bytes;
        private int from;
        private int to;
        private int hash;

        Wire() {
        }

        Wire(byte[] bytes, int from, int to, int hash) {
            at(bytes, from, to, hash);
        }

        Wire at(byte[] bytes, int from, int to, int hash) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.hash = hash;
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Wire other && hash == other.hash
                    && Arrays.equals(bytes, from, to, other.bytes, other.from, other.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Wire, SeriesKey> keys = new ConcurrentHashMap<>();

    /**
     * The key of the series whose labels are {@code buf[from, to)}, or null if not remembered; {@code probe} is
     * the caller's own (never stored), so looking up allocates nothing.
     */
    SeriesKey find(Wire probe, byte[] buf, int from, int to, int hash) {
        return keys.get(probe.at(buf, from, to, hash));
    }

    /** Remembers the key decoded from {@code buf[from, to)} if the engine holds it. */
    void remember(byte[] buf, int from, int to, int hash, SeriesKey key) {
        if (!KnownSeries.isHeld(key)) {
            return;
        }
        if (keys.size() >= KnownSeries.size() + SLACK) {
            keys.clear();
        }
        keys.put(new Wire(Arrays.copyOfRange(buf, from, to), 0, to - from, hash), key);
    }

    /** Label sets remembered (tests). */
    int size() {
        return keys.size();
    }

    /** FNV-1a over the bytes, then mixed: label sets that differ in one digit spread over the whole table. */
    static int hash(byte[] buf, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }
}
