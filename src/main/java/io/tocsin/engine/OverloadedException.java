package io.tocsin.engine;

/** The engine cannot take more work right now; mapped to HTTP 503 with {@code Retry-After}. */
public class OverloadedException extends RuntimeException {

    private final String limit;

    public OverloadedException(String message) {
        this(message, null);
    }

    /** @param limit the queue that is full ({@code queued-samples}, ...), for the refusal metric; null if none */
    public OverloadedException(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
