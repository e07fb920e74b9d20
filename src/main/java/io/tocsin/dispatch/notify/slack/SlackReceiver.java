package io.tocsin.dispatch.notify.slack;

import io.tocsin.config.TocsinConfig;
import io.tocsin.dispatch.ActionRecord;
import io.tocsin.dispatch.Delivery;
import io.tocsin.dispatch.Messages;
import io.tocsin.dispatch.Receiver;
import io.tocsin.dispatch.notify.HttpPoster;
import io.tocsin.dispatch.notify.LogReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Slack incoming webhooks, one URL per channel ({@code tocsin.slack.channels.<channel without #>}). Sends
 * {@code {"text": ...}}; a channel without a URL is delivered to the log.
 */
@ApplicationScoped
public class SlackReceiver implements Receiver {

    @Inject
    TocsinConfig config;
    @Inject
    HttpPoster http;
    @Inject
    LogReceiver log;

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Delivery deliver(ActionRecord record) {
        String channel = record.destination().startsWith("#") ? record.destination().substring(1) : record.destination();
        String url = config.slack().channels().get(channel);
        if (url == null) {
            return log.deliver(record);
        }
        return http.post(url, Map.of("text", Messages.body(record).strip()));
    }
}
