package io.tocsin.engine;

import io.tocsin.engine.input.Sample;
import io.tocsin.engine.input.SampleBatch;
import io.tocsin.engine.fact.SeriesKey;

/**
 * The memory a queued batch holds, estimated from its strings and the objects around them, so the ingest queue
 * can be bounded by bytes as well as by samples (a sample with 64 labels of 2 KB holds a thousand times more
 * than a small one). Deliberately generous: it guards the heap, it is no measurement.
 */
final class BatchSize {

    /** A Sample, its SeriesKey and TreeMap, with headers and references. */
    private static final int PER_SAMPLE = 160;
    /** A TreeMap entry and two String headers. */
    private static final int PER_LABEL = 96;
    private static final int STRING = 48;

    private BatchSize() {
    }

    static long estimate(SampleBatch batch) {
        long bytes = 64;
        for (Sample sample : batch.samples()) {
            SeriesKey key = sample.key();
            bytes += PER_SAMPLE + STRING + (long) PER_LABEL * key.labelCount() + 2L * key.chars();
        }
        return bytes;
    }
}
