package io.tocsin.engine.input;

import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import java.util.List;

/**
 * An operator silences the notifications of matching alerts from {@code startsAt} (engine time when null) until
 * {@code endsAt}; {@code id} is chosen by the caller so that the input is the whole story. Returns the silence.
 */
public record CreateSilence(String id, List<Matcher> matchers, Long startsAt, long endsAt, String createdBy,
        String comment) implements Input<Silence> {

    public CreateSilence {
        matchers = List.copyOf(matchers);
    }

    @Override
    public Kind kind() {
        return Kind.CREATE_SILENCE;
    }
}
