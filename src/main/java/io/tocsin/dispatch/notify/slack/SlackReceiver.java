package io.tocsin.dispatch.notify.slack;

import io.tocsin.engine.action.Action;
import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.notify.HttpReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Slack incoming webhooks, one URL per channel ({@code tocsin.slack.channels.<channel without #>}). Sends
 * {@code {"text": ...}}; a channel without a URL is delivered to the log.
 */
@ApplicationScoped
public class SlackReceiver extends HttpReceiver {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    protected Optional<String> url(Action action) {
        String channel = action.destination().startsWith("#") ? action.destination().substring(1) : action.destination();
        return Optional.ofNullable(config.slack().channels().get(channel));
    }

    @Override
    protected Object payload(Action action) {
        return Map.of("text", SlackText.escape(Messages.body(action).strip()));
    }
}
