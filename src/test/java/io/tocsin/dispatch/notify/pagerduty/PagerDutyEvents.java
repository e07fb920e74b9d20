package io.tocsin.dispatch.notify.pagerduty;

import io.tocsin.engine.action.Action;
import java.util.Map;

/** Opens the PagerDuty receiver's event building to tests in other packages. */
public final class PagerDutyEvents {

    private PagerDutyEvents() {
    }

    public static String dedupKey(Action action) {
        return PagerDutyReceiver.dedupKey(action);
    }

    public static Map<String, Object> event(Action action, String routingKey) {
        return PagerDutyReceiver.event(action, routingKey);
    }
}
