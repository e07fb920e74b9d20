package io.tocsin.engine.input;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything that changes the engine's state, as data: sample batches, clock advances, operator commands and
 * delivery outcomes. The engine applies inputs one at a time on its one thread, in arrival order; the state is a
 * function of the inputs (and, on the wall clock, of the time each was applied), which is what lets it be
 * replayed. {@code R} is what applying it returns.
 *
 * <p>The evaluator switches over {@link #kind()} (an enum, so the compiler checks every kind is handled).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "input")
@JsonSubTypes({@JsonSubTypes.Type(value = SampleBatch.class, name = "samples"),
        @JsonSubTypes.Type(value = AdvanceClock.class, name = "advance-clock"),
        @JsonSubTypes.Type(value = Tick.class, name = "tick"),
        @JsonSubTypes.Type(value = Acknowledge.class, name = "acknowledge"),
        @JsonSubTypes.Type(value = CreateSilence.class, name = "create-silence"),
        @JsonSubTypes.Type(value = ExpireSilence.class, name = "expire-silence"),
        @JsonSubTypes.Type(value = RegisterDeployment.class, name = "register-deployment"),
        @JsonSubTypes.Type(value = RollBack.class, name = "roll-back"),
        @JsonSubTypes.Type(value = CloseWatch.class, name = "close-watch"),
        @JsonSubTypes.Type(value = DeliveryUpdate.class, name = "delivery-update"),
        @JsonSubTypes.Type(value = DeliveryUpdates.class, name = "delivery-updates"),
        @JsonSubTypes.Type(value = RetireRules.class, name = "retire-rules"),
        @JsonSubTypes.Type(value = PromoteDeployment.class, name = "promote-deployment"),
        @JsonSubTypes.Type(value = Attributed.class, name = "attributed"),
        @JsonSubTypes.Type(value = Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = SignOff.class, name = "sign-off")})
public sealed interface Input<R> permits SampleBatch, AdvanceClock, Tick, Acknowledge, CreateSilence,
        ExpireSilence, RegisterDeployment, RollBack, CloseWatch, DeliveryUpdate, DeliveryUpdates,
        RetireRules, PromoteDeployment, Attributed, Refused, SignOff {

    enum Kind {
        SAMPLES, ADVANCE_CLOCK, TICK, ACKNOWLEDGE, CREATE_SILENCE, EXPIRE_SILENCE, REGISTER_DEPLOYMENT,
        ROLL_BACK, CLOSE_WATCH, DELIVERY_UPDATE, DELIVERY_UPDATES, RETIRE_RULES, PROMOTE_DEPLOYMENT, ATTRIBUTED,
        REFUSED, SIGN_OFF;

        /** The name the journal and the audit trail use: {@code create-silence}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    Kind kind();
}
