package io.tocsin.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.engine.fact.Deployment;
import io.tocsin.engine.fact.RolloutStep;
import io.tocsin.engine.fact.Watch;
import io.tocsin.engine.fact.WatchCriteria;
import io.tocsin.engine.history.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where watches survive a restart. */
public interface WatchStore {

    List<Saved> load();

    void save(Saved watch);

    /** The saved form of a watch; an open watch carries the series history since its start. */
    record Saved(String deployment, long startedAt, long endsAt, int extensions, long nextCheckpointAt,
            Watch.State state, String reason, Long closedAt, long assessedFrom, List<Criterion> criteria,
            List<Watches.CheckpointRecord> checkpoints, List<Step> steps, List<Watches.Event> events,
            int droppedEvents, Map<String, Integer> actionsSince, String evidence, List<Line> history) {

        record Criterion(String name, double required, boolean lowestIsWorst, List<WatchCriteria.Range> ranges,
                Double worst) {
        }

        record Step(long after, int traffic, boolean held, String heldBecause, Long promotedAt) {
        }

        record Line(String metric, Map<String, String> labels, List<History.Point> points) {
        }

        static Saved of(Watches.WatchLog log, History history) {
            Watch w = log.watch();
            List<Line> lines = List.of();
            if (w.isWatching()) {
                lines = history.lines(w.getStartedAt(), Long.MAX_VALUE - History.MINUTE).stream()
                        .map(l -> new Line(l.key().metric(), l.key().labels(), l.points())).toList();
            }
            return new Saved(w.getDeploymentId(), w.getStartedAt(), w.getEndsAt(), w.getExtensions(),
                    w.getNextCheckpointAt(), w.getState(), w.getReason(), w.getClosedAt(), w.getAssessedFrom(),
                    w.getCriteria().all().stream().map(c -> new Criterion(c.name(), c.required(), c.lowestIsWorst(),
                            c.ranges(), c.worst())).toList(),
                    log.checkpoints(), log.steps().stream().map(s -> new Step(s.getAfter(), s.getTraffic(),
                            s.isHeld(), s.getHeldBecause(), s.getPromotedAt())).toList(),
                    log.events(), log.droppedEvents(), Map.copyOf(log.actionsSince()), log.evidence(), lines);
        }

        Watches.WatchLog restore(Deployment deployment, History into) {
            Watch watch = new Watch(deployment, endsAt - startedAt);
            watch.restore(endsAt, extensions, nextCheckpointAt, state, reason, closedAt, assessedFrom);
            criteria.forEach(c -> watch.getCriteria().restore(c.name(), c.required(), c.lowestIsWorst(), c.ranges(),
                    c.worst()));
            List<RolloutStep> rollout = new ArrayList<>();
            for (Step s : steps) {
                RolloutStep step = new RolloutStep(watch, s.after(), s.traffic());
                step.restore(s.held(), s.heldBecause(), s.promotedAt());
                rollout.add(step);
            }
            Watches.WatchLog log = new Watches.WatchLog(watch, rollout);
            log.restore(checkpoints, events, droppedEvents, actionsSince, evidence);
            if (lines() != null) {
                lines().forEach(l -> into.restore(new io.tocsin.engine.fact.SeriesKey(l.metric(), l.labels()),
                        l.points()));
            }
            return log;
        }

        private List<Line> lines() {
            return history;
        }
    }

    /** Keeps nothing across restarts; for rule tests. */
    static WatchStore none() {
        return new WatchStore() {
            @Override
            public List<Saved> load() {
                return List.of();
            }

            @Override
            public void save(Saved watch) {
                // nothing kept
            }
        };
    }

    /** One JSON file per watch under {@code <data-dir>/watches/}, replaced atomically on each save. */
    static WatchStore files(Path dataDir, ObjectMapper json) {
        Path dir = dataDir.resolve("watches");
        return new WatchStore() {
            @Override
            public List<Saved> load() {
                List<Saved> saved = new ArrayList<>();
                if (!Files.isDirectory(dir)) {
                    return saved;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                    for (Path file : files) {
                        try {
                            saved.add(json.readValue(file.toFile(), Saved.class));
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot read " + file + " (fix or remove it; it holds a"
                                    + " deployment watch)", e);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir, e);
                }
                saved.sort(java.util.Comparator.comparingLong(Saved::startedAt));
                return saved;
            }

            @Override
            public void save(Saved watch) {
                try {
                    AtomicFile.write(dir.resolve(watch.deployment() + ".json"), json.writeValueAsBytes(watch));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot serialize the watch of " + watch.deployment(), e);
                }
            }
        };
    }
}
