package io.tocsin.console;

import io.tocsin.api.SilencesResource.MatcherView;
import io.tocsin.api.SilencesResource.SilenceView;
import io.tocsin.engine.EngineView;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.silence.Silence;
import java.util.ArrayList;
import java.util.List;

/** The silences section: active, pending and expired silences, and how many open alerts each mutes now. */
public record SilencesModel(When now, List<Row> active, List<Row> pending, List<Row> expired) {

    /** The silences in one state, with the state's name. */
    public record Group(String state, String title, List<Row> rows) {
    }

    /** Active, pending, expired: in that order. */
    public List<Group> groups() {
        return List.of(new Group("active", "Active", active), new Group("pending", "Pending", pending),
                new Group("expired", "Expired", expired));
    }

    public record Row(SilenceView silence, String matchers, When starts, When ends, int matching) {
    }

    static SilencesModel of(EngineView ev) {
        long now = ev.now().orElse(0L);
        List<Row> active = new ArrayList<>();
        List<Row> pending = new ArrayList<>();
        List<Row> expired = new ArrayList<>();
        List<Alert> open = ev.activeAlerts();
        for (Silence s : ev.silences()) {
            int matching = (int) open.stream().filter(a -> Silence.matches(s.matchers(), a.getName(), a.getLabels()))
                    .count();
            SilenceView view = SilenceView.of(s, ev);
            Row row = new Row(view, matchers(view.matchers()), When.of(s.startsAt(), now), When.of(s.endsAt(), now),
                    matching);
            switch (view.status().state()) {
                case "active" -> active.add(row);
                case "pending" -> pending.add(row);
                default -> expired.add(0, row); // most recently created first
            }
        }
        return new SilencesModel(When.of(now, now), active, pending, expired);
    }

    /** Alertmanager's notation: {@code alertname="X", service=~"gen.*", env!="dev"}. */
    static String matchers(List<MatcherView> matchers) {
        StringBuilder out = new StringBuilder();
        for (MatcherView m : matchers) {
            String op = (m.isEqual() ? "" : "!") + (m.isRegex() ? "~" : "=");
            if (op.equals("~")) {
                op = "=~";
            }
            out.append(out.length() == 0 ? "" : ", ").append(m.name()).append(op).append('"').append(m.value())
                    .append('"');
        }
        return out.toString();
    }
}
