package io.tocsin.engine.fact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a deployment watch takes its checkpoints, declared once in DRL with {@code @cadence}:
 * {@code "intensive every 15m until 6h, active every 1h until 24h, extended every 3h"}. Each phase covers the
 * offsets after the previous phase's end up to its own {@code until} (the last has none); checkpoints fall every
 * {@code every} within a phase, and the first of a phase comes {@code every} after the previous phase ended.
 */
public final class Cadence {

    /** One phase: its name, interval and end (offsets from the deployment's start; {@code until} null = open). */
    public record Phase(String name, long every, Long until) {
    }

    private static final Pattern PHASE = Pattern.compile(
            "\\s*([a-zA-Z][\\w-]*)\\s+every\\s+(\\S+?)(?:\\s+until\\s+(\\S+?))?\\s*");

    private final List<Phase> phases;
    private final String text;

    private Cadence(List<Phase> phases, String text) {
        this.phases = List.copyOf(phases);
        this.text = text;
    }

    /** Parses the metadata text; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Cadence parse(String text) {
        List<Phase> phases = new ArrayList<>();
        long previous = 0;
        String[] parts = text.split(",");
        for (int i = 0; i < parts.length; i++) {
            Matcher m = PHASE.matcher(parts[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("@cadence: '" + parts[i].trim()
                        + "' is not a phase such as \"intensive every 15m until 6h\"");
            }
            long every = Durations.millis(m.group(2));
            Long until = m.group(3) == null ? null : Durations.millis(m.group(3));
            if (every <= 0) {
                throw new IllegalArgumentException("@cadence: phase " + m.group(1) + " needs an interval above 0");
            }
            if (until == null && i < parts.length - 1) {
                throw new IllegalArgumentException("@cadence: only the last phase may have no 'until'");
            }
            if (until != null && until <= previous) {
                throw new IllegalArgumentException("@cadence: phase " + m.group(1) + " ends before it starts");
            }
            phases.add(new Phase(m.group(1), every, until));
            if (until != null) {
                previous = until;
            }
        }
        return new Cadence(phases, text.trim());
    }

    /** The offset of the checkpoint after the one at {@code offset} (0 for the watch's start). */
    public long next(long offset) {
        long phaseStart = 0;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.until() == null || offset < p.until()) {
                long candidate = offset + p.every();
                if (p.until() == null || candidate <= p.until()) {
                    return candidate;
                }
                return p.until() + (i + 1 < phases.size() ? phases.get(i + 1).every() : p.every());
            }
            phaseStart = p.until();
        }
        Phase last = phases.get(phases.size() - 1);
        return Math.max(offset, phaseStart) + last.every();
    }

    /** The phase a checkpoint at {@code offset} belongs to: the first whose end is at or after it. */
    public String phaseOf(long offset) {
        for (Phase p : phases) {
            if (p.until() == null || offset <= p.until()) {
                return p.name();
            }
        }
        return phases.get(phases.size() - 1).name();
    }

    public List<Phase> phases() {
        return phases;
    }

    @Override
    public String toString() {
        return text;
    }
}
