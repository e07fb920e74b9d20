package io.tocsin.api.alertmanager;

import io.tocsin.engine.Rejected;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A refusal of the Alertmanager API. Its answer is the message as a JSON string, the error body Alertmanager's
 * OpenAPI declares, so {@code amtool} prints it ({@link AlertmanagerErrors}); the field at fault leads the message.
 */
final class AlertmanagerApiError extends RuntimeException {

    private final int status;
    private final String limit;

    AlertmanagerApiError(int status, String message) {
        this(status, message, null);
    }

    private AlertmanagerApiError(int status, String message, String limit) {
        super(message, null, false, false);
        this.status = status;
        this.limit = limit;
    }

    static AlertmanagerApiError badRequest(String field, String message) {
        return new AlertmanagerApiError(400, field + ": " + message);
    }

    static AlertmanagerApiError notFound(String message) {
        return new AlertmanagerApiError(404, message);
    }

    int status() {
        return status;
    }

    /** The limit reached (README "Limits"), if that is why: {@code silences}; else null. */
    String limit() {
        return limit;
    }

    /** The stage, with the engine's refusals turned into errors of this API (the others pass unchanged). */
    static <T> CompletionStage<T> translated(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(translate(failure));
            }
        });
        return out;
    }

    private static Throwable translate(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (t instanceof Rejected r) {
            return new AlertmanagerApiError(r.reason().status(), r.field() == null ? r.getMessage()
                    : r.field() + ": " + r.getMessage(), r.reason() == Rejected.Reason.LIMIT ? r.field() : null);
        }
        return t;
    }
}
