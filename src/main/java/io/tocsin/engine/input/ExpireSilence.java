package io.tocsin.engine.input;

import io.tocsin.engine.silence.Silence;

/** An operator ends a silence now; returns it, expired. */
public record ExpireSilence(String id) implements Input<Silence> {

    @Override
    public Kind kind() {
        return Kind.EXPIRE_SILENCE;
    }
}
