package io.tocsin.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token to look up in the {@link TokenTable}. */
final class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    ApiTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return "ApiTokenRequest"; // never the token
    }
}
