package io.tocsin.http;

/** The request is valid but not in the server's current mode or state; mapped to HTTP 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
