package io.tocsin.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint as recorded: label ({@code T+6h}), phase, due and taken times, firing alerts, actions since, and
 * the watch's summary then (PASS/FAIL, the figures, incidents; null in watches saved by earlier versions).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointRecord(String label, String phase, long due, long at, List<String> firingAlerts,
        Map<String, Integer> actionsSince, WatchSummary summary) {
}
