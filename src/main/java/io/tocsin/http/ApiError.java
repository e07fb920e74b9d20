package io.tocsin.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON body of every error response: {@code {"status":400,"field":"[3].timestamp","message":"..."}}, with
 * {@code errors} when there are several (rule files that do not compile, as {@code file:line: message}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String field, String message, List<String> errors) {

    public ApiError(int status, String field, String message) {
        this(status, field, message, null);
    }
}
