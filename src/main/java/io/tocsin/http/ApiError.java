package io.tocsin.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error response: {@code {"status":400,"field":"[3].timestamp","message":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String field, String message) {
}
