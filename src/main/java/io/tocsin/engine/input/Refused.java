package io.tocsin.engine.input;

/**
 * An operator request the API could not turn into an input (a missing field, a value out of range): applying it
 * changes nothing and is always refused with {@code field} and {@code message}. It exists so that such refusals
 * reach the audit trail too, inside an {@link Attributed}; {@code asked} names the kind of input that was asked for.
 */
public record Refused(String asked, String field, String message) implements Input<Void> {

    @Override
    public Kind kind() {
        return Kind.REFUSED;
    }
}
