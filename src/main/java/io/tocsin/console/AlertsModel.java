package io.tocsin.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.api.ActionView;
import io.tocsin.api.AlertView;
import io.tocsin.engine.EngineView;
import io.tocsin.engine.Foresight;
import io.tocsin.engine.fact.Alert;
import io.tocsin.engine.silence.Silence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts section: pending and firing alerts grouped by priority, each with what was done about it and what the
 * rules will do next if nobody acknowledges it ({@link Foresight}), and the recently resolved ones. Built on the
 * engine thread. {@code now} is null before engine time starts (no sample yet on the event clock).
 */
public record AlertsModel(When now, int firing, int pending, List<Group> groups, List<Resolved> resolved) {

    /** The alerts of one priority, oldest first. */
    public record Group(String priority, String severity, List<Card> alerts) {
    }

    /**
     * One open alert. {@code firesAt}: for a pending alert, when it fires if its condition still holds (its rule's
     * {@code @for}). {@code next}: the reactions foreseen, earliest first. {@code silenceMatchers}: the JSON the
     * "silence" dialog starts from (the alert's name and labels). {@code inMaintenance}: a maintenance silence
     * matches it, so the packs' automation leaves it alone.
     */
    public record Card(AlertView alert, String labels, When active, When fired, When firesAt, String value,
            String runbookUrl, List<ActionView> actions, List<Reaction> next, String silencedBy,
            String silenceMatchers, boolean inMaintenance) {
    }

    /** A foreseen reaction: what, when, which rule, and whether a silence active then would mute it. */
    public record Reaction(String what, When at, boolean exact, String rule, String ruleName, boolean silenced) {
    }

    public record Resolved(AlertView alert, String labels, When fired, When resolved) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRIORITIES = List.of("P0", "P1", "P2", "P3", "P4");
    static final int ACTIONS_PER_ALERT = 20;

    static AlertsModel of(EngineView ev) {
        long now = ev.now().orElse(0L);
        Map<String, List<Foresight.Reaction>> foreseen = new LinkedHashMap<>();
        ev.foreseen().forEach(r -> foreseen.computeIfAbsent(r.alertId(), k -> new ArrayList<>()).add(r));
        List<Silence> silences = ev.silences();
        Map<String, List<Card>> byPriority = new LinkedHashMap<>();
        PRIORITIES.forEach(p -> byPriority.put(p, new ArrayList<>()));
        int firing = 0;
        for (Alert a : ev.activeAlerts()) {
            firing += a.isFiring() ? 1 : 0;
            byPriority.computeIfAbsent(a.getPriority().name(), k -> new ArrayList<>()).add(card(ev, a, now,
                    foreseen.getOrDefault(a.getId(), List.of()), silences));
        }
        List<Group> groups = new ArrayList<>();
        byPriority.forEach((p, cards) -> {
            if (!cards.isEmpty()) {
                groups.add(new Group(p, cards.get(0).alert().severity(), cards));
            }
        });
        List<Resolved> resolved = ev.resolvedAlerts().stream()
                .sorted(Comparator.comparing(Alert::getResolvedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(a -> new Resolved(AlertView.of(a), labels(a.getLabels()), When.of(a.getFiredAt(), now),
                        When.of(a.getResolvedAt(), now)))
                .toList();
        int active = ev.activeAlerts().size();
        return new AlertsModel(ev.now().isPresent() ? When.of(now, now) : null, firing, active - firing, groups,
                resolved);
    }

    private static Card card(EngineView ev, Alert a, long now, List<Foresight.Reaction> next, List<Silence> silences) {
        AlertView view = AlertView.of(a);
        List<ActionView> actions = ev.actionHistory().query(e -> e.action().alert() != null
                && a.getId().equals(e.action().alert().id()), ACTIONS_PER_ALERT).stream().map(ActionView::of).toList();
        Optional<Silence> silencedBy = silences.stream().filter(s -> s.mutes(a.getName(), a.getLabels(), now))
                .findFirst();
        When firesAt = a.isPending() ? When.of(a.getActiveAt() + a.getRule().forMillis(), now) : null;
        List<Reaction> reactions = next.stream().map(r -> new Reaction(describe(r), When.of(r.at(), now), r.exact(),
                r.rule() == null ? null : r.rule().file() + ":" + r.rule().line(),
                r.rule() == null ? null : r.rule().name(),
                !"remediate".equals(r.type()) && silences.stream().anyMatch(s -> s.mutes(a.getName(), a.getLabels(),
                        r.at())))).toList();
        return new Card(view, labels(a.getLabels()), When.of(a.getActiveAt(), now), When.of(a.getFiredAt(), now),
                firesAt, a.getValue() == null ? null : number(a.getValue()), runbookUrl(a.getRule().runbook()),
                actions, reactions, silencedBy.map(s -> s.id()).orElse(null), matchers(a), a.isInMaintenance());
    }

    private static String describe(Foresight.Reaction r) {
        return switch (r.type()) {
            case "escalate" -> "escalate to " + r.target();
            case "remediate" -> "run " + r.target();
            case "notify", "resolve" -> "notify " + r.target();
            default -> r.type() + " " + r.target();
        };
    }

    static String labels(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append("=\"").append(v)
                .append('"'));
        return out.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.6g", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A runbook that is a web address becomes a link; text stays text. */
    private static String runbookUrl(String runbook) {
        return runbook != null && runbook.matches("https?://\\S+") ? runbook : null;
    }

    /** The matchers of a silence of exactly this alert: its name and every label, equal. */
    private static String matchers(Alert a) {
        List<Map<String, Object>> matchers = new ArrayList<>();
        matchers.add(Map.of("name", "alertname", "value", a.getName(), "isRegex", false, "isEqual", true));
        a.getLabels().forEach((k, v) -> matchers.add(Map.of("name", k, "value", v, "isRegex", false,
                "isEqual", true)));
        try {
            return JSON.writeValueAsString(matchers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
