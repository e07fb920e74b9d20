package io.tocsin.engine.input;

/** Wall clock only: evaluates at the current real time, so deadlines, staleness and absence are noticed. */
public record Tick() implements Input<Void> {

    @Override
    public Kind kind() {
        return Kind.TICK;
    }
}
