package io.tocsin.engine;

/**
 * One input larger than the engine could ever queue (more samples or bytes than the whole ingest queue holds):
 * retrying cannot help, so the API answers 413 rather than 503.
 */
public final class TooLargeException extends RuntimeException {

    private final String field;

    public TooLargeException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
