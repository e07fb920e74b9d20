package io.tocsin.engine.action;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every decided action in the order decided, with its latest delivery state: the notification history
 * Alertmanager users ask for. The engine appends and updates; the API reads from any thread. Keeps the most
 * recent {@value #MAX_KEPT} actions.
 */
public final class ActionHistory {

    static final int MAX_KEPT = 100_000;

    /** One action and where its delivery stands. */
    public record Entry(Action action, DeliveryState state) {
    }

    private final Deque<Action> order = new ArrayDeque<>();
    private final Map<Long, Entry> byId = new HashMap<>();
    private long version; // counts changes, so a reader can tell cheaply whether anything did (the console)

    public synchronized void record(Action action, DeliveryState state) {
        version++;
        order.addLast(action);
        byId.put(action.id(), new Entry(action, state));
        if (order.size() > MAX_KEPT) {
            byId.remove(order.removeFirst().id());
        }
    }

    /** Replaces the state of a known action; returns false if it is unknown (or no longer kept). */
    public synchronized boolean update(DeliveryState state) {
        Entry entry = byId.get(state.actionId());
        if (entry == null) {
            return false;
        }
        byId.put(state.actionId(), new Entry(entry.action(), state));
        version++;
        return true;
    }

    public synchronized Optional<Entry> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Entries matching {@code filter}, oldest first; with a limit, only the most recent {@code limit}. */
    public synchronized List<Entry> query(Predicate<Entry> filter, Integer limit) {
        List<Entry> out = new ArrayList<>();
        for (Action action : order) {
            Entry entry = byId.get(action.id());
            if (filter.test(entry)) {
                out.add(entry);
            }
        }
        return limit == null || out.size() <= limit ? out : out.subList(out.size() - limit, out.size());
    }

    /**
     * Puts {@code recorded} where {@code regenerated} were, each with the delivery state its namesake had (a
     * replay: the recorded actions are the ones that went out).
     */
    public synchronized void replace(List<Action> regenerated, List<Action> recorded) {
        Map<Long, DeliveryState> states = new HashMap<>();
        for (Action a : regenerated) {
            Entry e = byId.remove(a.id());
            if (e != null) {
                states.put(a.id(), e.state());
            }
        }
        order.removeAll(regenerated);
        for (Action a : recorded) {
            DeliveryState state = states.getOrDefault(a.id(),
                    DeliveryState.decided(a.id(), DeliveryState.Status.PENDING));
            record(a, state);
        }
    }

    /** Every kept entry, oldest first (for saving the engine's state). */
    public synchronized List<Entry> all() {
        return query(e -> true, null);
    }

    /** Replaces what is kept with entries saved before a restart. */
    public synchronized void restore(List<Entry> entries) {
        order.clear();
        byId.clear();
        entries.forEach(e -> record(e.action(), e.state()));
    }

    /** Grows with every action recorded and every delivery state changed. */
    public synchronized long version() {
        return version;
    }

    /** How many kept actions are in each delivery state (for metrics). */
    public synchronized java.util.EnumMap<DeliveryState.Status, Integer> countByStatus() {
        java.util.EnumMap<DeliveryState.Status, Integer> counts = new java.util.EnumMap<>(DeliveryState.Status.class);
        for (DeliveryState.Status status : DeliveryState.Status.values()) {
            counts.put(status, 0);
        }
        byId.values().forEach(e -> counts.merge(e.state().status(), 1, Integer::sum));
        return counts;
    }

    public synchronized int size() {
        return order.size();
    }
}
