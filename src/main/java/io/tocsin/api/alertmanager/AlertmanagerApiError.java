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

    AlertmanagerApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
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
            int status = switch (r.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            return new AlertmanagerApiError(status, r.field() == null ? r.getMessage()
                    : r.field() + ": " + r.getMessage());
        }
        return t;
    }
}
