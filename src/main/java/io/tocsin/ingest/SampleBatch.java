package io.tocsin.ingest;

import java.util.List;

/** A validated batch of samples, applied by the engine in one evaluation pass. */
public record SampleBatch(List<Sample> samples) {

    public SampleBatch {
        samples = List.copyOf(samples);
    }
}
