package io.tocsin.watch;

import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.Watch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A watch and what it recorded: its checkpoints, rollout steps and timeline, the actions counted towards the next
 * checkpoint, and the evidence bundle of its rollback. Also remembers what the timeline last saw of the watch,
 * so that changes (an extension, a held step, the closing) are put on it once.
 */
public final class WatchLog {

    /** A timeline longer than this is a runaway rule, not a story anyone reads; later events are counted only. */
    static final int MAX_EVENTS = 10_000;

    private final Watch watch;
    private final List<CheckpointRecord> checkpoints = new ArrayList<>();
    private final List<RolloutStep> steps;
    private final List<WatchEvent> events = new ArrayList<>();
    private Map<String, Integer> actionsSince = new TreeMap<>();
    private String evidence;
    private int droppedEvents;
    private final List<Incident> incidents = new ArrayList<>();
    private Long baselineCapturedAt;
    /** Counts changes, so a closed watch's final report is written again when something is added after it. */
    int version;
    int archivedVersion;
    Watch.State seenState;
    int seenExtensions;
    final Map<RolloutStep, String> seenHolds = new HashMap<>();

    WatchLog(Watch watch, List<RolloutStep> steps) {
        this.watch = watch;
        this.steps = List.copyOf(steps);
        this.seenState = watch.getState();
        this.seenExtensions = watch.getExtensions();
        steps.forEach(s -> seenHolds.put(s, s.getHeldBecause()));
    }

    public Watch watch() {
        return watch;
    }

    public String deploymentId() {
        return watch.getDeploymentId();
    }

    public List<CheckpointRecord> checkpoints() {
        return List.copyOf(checkpoints);
    }

    public List<RolloutStep> steps() {
        return steps;
    }

    public List<WatchEvent> events() {
        return List.copyOf(events);
    }

    /** Timeline events beyond {@link #MAX_EVENTS}, counted but not kept. */
    public int droppedEvents() {
        return droppedEvents;
    }

    /** The evidence bundle of its rollback, relative to the data directory; null if none. */
    public String evidence() {
        return evidence;
    }

    /** P0/P1 alerts that fired during the watch, in the order they fired. */
    public List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    /** When the watch measured the deployment's baseline itself (see {@code @baseline}); null if it has not. */
    public Long baselineCapturedAt() {
        return baselineCapturedAt;
    }

    void baselineCaptured(long at) {
        baselineCapturedAt = at;
        version++;
    }

    void incident(Incident incident) {
        incidents.add(incident);
        version++;
    }

    /** Marks the incident of an alert instance resolved; returns whether it was open here. */
    boolean resolved(String alertId, long at) {
        for (int i = 0; i < incidents.size(); i++) {
            if (incidents.get(i).id().equals(alertId) && incidents.get(i).resolvedAt() == null) {
                incidents.set(i, incidents.get(i).resolved(at));
                version++;
                return true;
            }
        }
        return false;
    }

    /** Something on the watch changed (a sign-off, the handoff). */
    void touched() {
        version++;
    }

    /** Actions decided since the last checkpoint, counted by type. */
    public Map<String, Integer> actionsSince() {
        return Map.copyOf(actionsSince);
    }

    void count(String type) {
        actionsSince.merge(type, 1, Integer::sum);
    }

    void checkpoint(CheckpointRecord record) {
        checkpoints.add(record);
        actionsSince = new TreeMap<>();
    }

    void evidence(String path) {
        this.evidence = path;
    }

    void add(WatchEvent event) {
        version++;
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        } else {
            droppedEvents++;
        }
    }

    void restore(List<CheckpointRecord> checkpoints, List<WatchEvent> events, int droppedEvents,
            Map<String, Integer> actionsSince, String evidence, List<Incident> incidents, Long baselineCapturedAt) {
        if (incidents != null) {
            this.incidents.addAll(incidents);
        }
        this.baselineCapturedAt = baselineCapturedAt;
        this.checkpoints.addAll(checkpoints);
        this.events.addAll(events);
        this.droppedEvents = droppedEvents;
        this.actionsSince = new TreeMap<>(actionsSince);
        this.evidence = evidence;
    }
}
