package io.tocsin.console;

import io.tocsin.api.ActionView;
import io.tocsin.engine.EngineView;
import io.tocsin.engine.action.ActionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actions section: the action history, newest first, filtered by type, alert, status and receiver; failed and
 * retrying deliveries are counted so the page can point at them.
 */
public record ActionsModel(When now, List<Row> rows, int shown, int matching, int failed, int retrying,
        Set<String> receivers, Set<String> alerts) {

    public record Row(ActionView action, When at, String labels, boolean trouble) {
    }

    static final int MAX_ROWS = 200;

    /** Blank filters match everything. */
    record Filter(String type, String alert, String status, String receiver) {
        boolean test(ActionHistory.Entry e) {
            return matches(type, e.action().type())
                    && matches(alert, e.action().alert() == null ? null : e.action().alert().name())
                    && matches(status, e.state().status().wire()) && matches(receiver, e.action().receiver());
        }

        private static boolean matches(String wanted, String actual) {
            return wanted == null || wanted.isBlank() || wanted.equals(actual);
        }
    }

    static ActionsModel of(EngineView ev, Filter filter) {
        long now = ev.now().orElse(0L);
        List<Row> rows = new ArrayList<>();
        Set<String> receivers = new TreeSet<>();
        Set<String> alerts = new TreeSet<>();
        int matching = 0;
        int failed = 0;
        int retrying = 0;
        List<ActionHistory.Entry> all = ev.actionHistory().all();
        for (int i = all.size() - 1; i >= 0; i--) {
            ActionHistory.Entry e = all.get(i);
            receivers.add(e.action().receiver());
            if (e.action().alert() != null) {
                alerts.add(e.action().alert().name());
            }
            if (!filter.test(e)) {
                continue;
            }
            matching++;
            ActionView a = ActionView.of(e);
            boolean trouble = "failed".equals(a.status()) || "retrying".equals(a.status());
            failed += "failed".equals(a.status()) ? 1 : 0;
            retrying += "retrying".equals(a.status()) ? 1 : 0;
            if (rows.size() < MAX_ROWS) {
                rows.add(new Row(a, When.parse(a.at(), now), a.labels() == null ? ""
                        : AlertsModel.labels(a.labels()), trouble));
            }
        }
        return new ActionsModel(When.of(now, now), rows, rows.size(), matching, failed, retrying, receivers, alerts);
    }
}
