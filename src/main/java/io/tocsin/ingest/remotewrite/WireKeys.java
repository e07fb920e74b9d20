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
 *
 * <p>Senders send their series in the same order request after request (Prometheus' shards, load generators),
 * so each remembered series also points at the one that followed it last time ({@link Known#next}): a decoder
 * first compares the next series' bytes with that one's, and only on a miss hashes them and looks them up. At
 * 100,000 series the table lookup is cache misses on every series (the table, its node, the key); the
 * prediction costs one object and its bytes, and no hashing.
 */
@jakarta.inject.Singleton
public class WireKeys {

    /** Entries beyond the series the engine holds before the cache starts afresh. */
    private static final int SLACK = 4096;

    /**
     * Label bytes of a request, as a lookup probe: one instance per decoder, pointed at each series in turn (a
     * lookup allocates nothing). Equal to the {@link Known} entry with the same bytes.
     */
    static final class Wire {
        private byte[] bytes;
        private int from;
        private int to;
        private int hash;

        Wire at(byte[] bytes, int from, int to, int hash) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.hash = hash;
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Known k && k.matches(bytes, from, to, hash);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A remembered series: a copy of its label bytes, and its key. Final fields: safe to reach through a race. */
    static final class Known {
        private final byte[] bytes;
        private final int hash;
        private final int generation;
        final SeriesKey key;
        /**
         * The series that followed this one in the latest request that had it. Read and written by the decoders
         * without synchronisation: a stale or torn-between-writers value only costs one comparison.
         */
        private Known next;

        Known(byte[] bytes, int hash, int generation, SeriesKey key) {
            this.bytes = bytes;
            this.hash = hash;
            this.generation = generation;
            this.key = key;
        }

        boolean matches(byte[] buf, int from, int to, int hash) {
            return this.hash == hash && Arrays.equals(bytes, 0, bytes.length, buf, from, to);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Known k && k.matches(bytes, 0, bytes.length, hash)
                    || o instanceof Wire w && w.equals(this);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Object, Known> keys = new ConcurrentHashMap<>();
    /** Bumped when the table starts afresh, so that predictions into the old one are not followed. */
    private volatile int generation;

    /**
     * The series that followed {@code previous} last time, if {@code buf[from, to)} are its label bytes; null
     * otherwise (then look it up with {@link #find}).
     */
    Known following(Known previous, byte[] buf, int from, int to) {
        Known next = previous == null ? null : previous.next;
        return next != null && next.generation == generation
                && Arrays.equals(next.bytes, 0, next.bytes.length, buf, from, to) ? next : null;
    }

    /** Records that {@code current} followed {@code previous}, for the next request in the same order. */
    static void followed(Known previous, Known current) {
        if (previous != null && previous.next != current) { // written only on change: no cache line ping-pong
            previous.next = current;
        }
    }

    /**
     * The series whose labels are {@code buf[from, to)}, or null if not remembered; {@code probe} is the
     * caller's own (never stored), so looking up allocates nothing.
     */
    Known find(Wire probe, byte[] buf, int from, int to, int hash) {
        return keys.get(probe.at(buf, from, to, hash));
    }

    /** Remembers the key decoded from {@code buf[from, to)} if the engine holds it; returns the entry or null. */
    Known remember(byte[] buf, int from, int to, int hash, SeriesKey key) {
        if (!KnownSeries.isHeld(key)) {
            return null;
        }
        if (keys.size() >= KnownSeries.size() + SLACK) {
            generation++;
            keys.clear();
        }
        Known known = new Known(Arrays.copyOfRange(buf, from, to), hash, generation, key);
        Known before = keys.putIfAbsent(known, known);
        return before != null ? before : known;
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
