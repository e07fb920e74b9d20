package io.tocsin.engine.input;

/**
 * An operator input with its {@link Origin}: the engine applies {@code input} as it would alone, and records in
 * the audit trail who asked, from where, and whether it was applied or refused (and why). The API submits every
 * operator input this way; the journal keeps the origin with the input, so the audit trail is restored like the
 * rest of the state.
 */
public record Attributed<R>(Origin origin, Input<R> input) implements Input<R> {

    public Attributed {
        if (origin == null || input == null) {
            throw new IllegalArgumentException("an attributed input needs an origin and an input");
        }
        if (input instanceof Attributed<?>) {
            throw new IllegalArgumentException("an input is attributed once");
        }
    }

    @Override
    public Kind kind() {
        return Kind.ATTRIBUTED;
    }
}
