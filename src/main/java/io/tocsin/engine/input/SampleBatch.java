package io.tocsin.engine.input;

import java.util.List;

/** A validated batch of samples, applied by the engine in one evaluation pass; returns what was accepted. */
public record SampleBatch(List<Sample> samples) implements Input<IngestResult> {

    public SampleBatch {
        samples = List.copyOf(samples);
    }

    @Override
    public Kind kind() {
        return Kind.SAMPLES;
    }
}
