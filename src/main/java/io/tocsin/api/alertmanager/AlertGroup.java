package io.tocsin.api.alertmanager;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager's {@code alertGroup}: Tocsin groups alerts by receiver and {@code alertname} (Alertmanager's
 * default {@code group_by}), since its routing is in rules rather than a route tree.
 */
record AlertGroup(Map<String, String> labels, GettableAlert.Receiver receiver, List<GettableAlert> alerts) {
}
