package io.tocsin.engine;

/** The engine cannot take more work right now; mapped to HTTP 503 with {@code Retry-After}. */
public class OverloadedException extends RuntimeException {

    public OverloadedException(String message) {
        super(message);
    }
}
