package io.tocsin.engine.input;

import io.tocsin.engine.silence.Silence;

/** An operator ends a silence now; returns it, expired. {@code by} is recorded as who expired it. */
public record ExpireSilence(String id, String by) implements Input<Silence> {

    @Override
    public Kind kind() {
        return Kind.EXPIRE_SILENCE;
    }
}
