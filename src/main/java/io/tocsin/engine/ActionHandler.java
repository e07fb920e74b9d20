package io.tocsin.engine;

import io.tocsin.engine.fact.ActionRequest;

/**
 * Receives every action rules request, on the engine thread, in the order rules inserted them, with the engine
 * time of the evaluation that decided it and the rule that did ({@code null} for operator requests such as a
 * manual rollback). It must not block: it records and hands off.
 */
public interface ActionHandler {

    void handle(ActionRequest request, RuleInfo rule, long now);
}
