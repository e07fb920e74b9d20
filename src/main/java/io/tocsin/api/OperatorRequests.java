package io.tocsin.api;

import io.tocsin.engine.Engine;
import io.tocsin.engine.EngineView;
import io.tocsin.engine.input.Attributed;
import io.tocsin.engine.input.Input;
import io.tocsin.engine.input.Origin;
import io.tocsin.engine.input.Refused;
import io.tocsin.http.InvalidInputException;
import io.tocsin.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * How operator requests reach the engine: every input goes with its {@link Origin} (the token's name, the client's
 * address, the time the request came in), so the engine records it in the audit trail whether it applies or
 * refuses it. A request the API cannot turn into an input (a missing field, a value out of range) is submitted as
 * a {@link Refused} input, so it is audited too, and answered with the same 400.
 */
@RequestScoped
public class OperatorRequests {

    @Inject
    Engine engine;
    @Inject
    Caller caller;

    /**
     * Builds the input (which may fail with {@link InvalidInputException}) and submits it with the caller's origin;
     * {@code kind} is the input's kind as the audit trail names it, for a request that fails to build.
     */
    public <R, V> CompletionStage<V> submit(Input.Kind kind, Supplier<Input<R>> build,
            BiFunction<R, EngineView, V> view) {
        Origin origin = origin();
        Input<R> input;
        try {
            input = build.get();
        } catch (InvalidInputException e) {
            return engine.submit(new Attributed<>(origin, new Refused(kind.wireName(), e.field(), e.reason())),
                    (r, state) -> null);
        }
        return engine.submit(new Attributed<>(origin, input), view);
    }

    /**
     * The origin of this request, now: for inputs submitted later, outside the request (a request that needs
     * several inputs in turn), through {@link Attributed}.
     */
    public Origin origin() {
        return new Origin(caller.name(), caller.address(), System.currentTimeMillis());
    }
}
