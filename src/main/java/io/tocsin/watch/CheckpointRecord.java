package io.tocsin.watch;

import java.util.List;
import java.util.Map;

/** One checkpoint as recorded: label ({@code T+6h}), phase, due and taken times, firing alerts, actions since. */
public record CheckpointRecord(String label, String phase, long due, long at, List<String> firingAlerts,
        Map<String, Integer> actionsSince) {
}
