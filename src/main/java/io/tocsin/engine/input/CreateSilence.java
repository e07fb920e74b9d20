package io.tocsin.engine.input;

import io.tocsin.engine.silence.Matcher;
import io.tocsin.engine.silence.Silence;
import java.util.List;

/**
 * An operator silences the notifications of matching alerts from {@code startsAt} (engine time when null) until
 * {@code endsAt}; {@code id} is chosen by the caller so that the input is the whole story. With
 * {@code maintenance} (or a comment starting with {@code [maintenance]}) it is a maintenance window: what it
 * matches is also left alone by automation. Returns the silence.
 */
public record CreateSilence(String id, List<Matcher> matchers, Long startsAt, long endsAt, String createdBy,
        String comment, boolean maintenance) implements Input<Silence> {

    public CreateSilence {
        matchers = List.copyOf(matchers);
    }

    /** A plain silence (or a maintenance one by its comment). */
    public CreateSilence(String id, List<Matcher> matchers, Long startsAt, long endsAt, String createdBy,
            String comment) {
        this(id, matchers, startsAt, endsAt, createdBy, comment, false);
    }

    @Override
    public Kind kind() {
        return Kind.CREATE_SILENCE;
    }
}
