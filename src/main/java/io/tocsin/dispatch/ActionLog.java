package io.tocsin.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every action record in the order it was decided: the notification history Alertmanager users ask for. Keeps
 * the most recent {@value #MAX_KEPT} records (durable history comes with durable state).
 */
@ApplicationScoped
public class ActionLog {

    static final int MAX_KEPT = 100_000;

    private final Deque<ActionRecord> records = new ArrayDeque<>();

    public synchronized void append(ActionRecord record) {
        records.addLast(record);
        if (records.size() > MAX_KEPT) {
            records.removeFirst();
        }
    }

    /** Records matching {@code filter}, oldest first; with a limit, only the most recent {@code limit}. */
    public synchronized List<ActionRecord> query(Predicate<ActionRecord> filter, Integer limit) {
        List<ActionRecord> out = new ArrayList<>();
        for (ActionRecord record : records) {
            if (filter.test(record)) {
                out.add(record);
            }
        }
        return limit == null || out.size() <= limit ? out : out.subList(out.size() - limit, out.size());
    }
}
