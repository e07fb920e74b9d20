package io.tocsin.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A console session id from the session cookie, to look up in {@link ConsoleSessions}. */
final class ConsoleSessionRequest extends BaseAuthenticationRequest {

    private final String sessionId;

    ConsoleSessionRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public String toString() {
        return "ConsoleSessionRequest"; // never the session id
    }
}
