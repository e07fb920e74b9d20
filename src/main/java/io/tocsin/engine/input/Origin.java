package io.tocsin.engine.input;

/**
 * Who asked for an operator input and from where: the name of the token (never text from the request body), the
 * client's address, and the wall-clock time the request came in (epoch ms). The engine never reads the wall
 * clock; this time is carried in the input for the audit trail, and engine time is recorded beside it.
 */
public record Origin(String actor, String address, long receivedAt) {
}
