package io.tocsin.engine.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The audit trail: the most recent {@code capacity} operator actions, oldest first. Part of the engine's state
 * (captured and restored with it), appended to on the engine thread only.
 */
public final class AuditLog {

    private final int capacity;
    private final Deque<AuditEntry> entries = new ArrayDeque<>();
    private long lastId;

    public AuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the audit trail keeps at least one entry");
        }
        this.capacity = capacity;
    }

    /** Appends an entry with the next id, dropping the oldest beyond the capacity; returns it. */
    public AuditEntry append(long at, Long receivedAt, String actor, String address, String kind,
            java.util.Map<String, String> details, String outcome, Integer status, String field, String reason) {
        AuditEntry entry = new AuditEntry(++lastId, at, receivedAt, actor, address, kind, details, outcome, status,
                field, reason);
        entries.addLast(entry);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
        return entry;
    }

    /** Every entry kept, oldest first. */
    public List<AuditEntry> all() {
        return new ArrayList<>(entries);
    }

    public long lastId() {
        return lastId;
    }

    /** Puts back what was saved before a restart (the newest {@code capacity} of them). */
    public void restore(List<AuditEntry> saved, long savedLastId) {
        entries.clear();
        if (saved != null) {
            saved.forEach(entries::addLast);
        }
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
        lastId = Math.max(savedLastId, entries.isEmpty() ? 0 : entries.peekLast().id());
    }
}
