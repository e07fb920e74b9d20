package io.tocsin.engine.input;

/** Event time only: moves now forward to {@code to} (epoch ms) without samples and evaluates; returns the new now. */
public record AdvanceClock(long to) implements Input<Long> {

    @Override
    public Kind kind() {
        return Kind.ADVANCE_CLOCK;
    }
}
