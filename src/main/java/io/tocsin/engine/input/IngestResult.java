package io.tocsin.engine.input;

/**
 * What the engine did with a batch: {@code accepted} samples were applied (identical repeats included),
 * {@code outOfOrder} were ignored because their series already had a newer or conflicting sample.
 */
public record IngestResult(int accepted, int outOfOrder) {
}
