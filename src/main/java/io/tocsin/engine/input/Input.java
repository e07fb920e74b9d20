package io.tocsin.engine.input;

/**
 * Everything that changes the engine's state, as data: sample batches, clock advances, operator commands and
 * delivery outcomes. The engine applies inputs one at a time on its one thread, in arrival order; the state is a
 * function of the inputs (and, on the wall clock, of the time each was applied), which is what lets it be
 * replayed. {@code R} is what applying it returns.
 *
 * <p>The evaluator switches over {@link #kind()} (an enum, so the compiler checks every kind is handled).
 */
public sealed interface Input<R> permits SampleBatch, AdvanceClock, Tick, Acknowledge, CreateSilence,
        ExpireSilence, RegisterDeployment, RollBack, CloseWatch, DeliveryUpdate {

    enum Kind {
        SAMPLES, ADVANCE_CLOCK, TICK, ACKNOWLEDGE, CREATE_SILENCE, EXPIRE_SILENCE, REGISTER_DEPLOYMENT,
        ROLL_BACK, CLOSE_WATCH, DELIVERY_UPDATE
    }

    Kind kind();
}
