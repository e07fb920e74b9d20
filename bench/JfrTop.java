import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from a JFR recording (settings=profile): CPU samples per thread, the hottest methods by
 * self and by inclusive samples (all threads, and the engine thread alone), the known suspects' inclusive share,
 * and allocation by class and by allocating method.
 *
 * <pre>  java bench/JfrTop.java recording.jfr [top=25]</pre>
 *
 * Record with {@code -XX:FlightRecorderOptions=stackdepth=256} so deep Drools stacks are not cut off (a cut stack
 * undercounts the inclusive share of the frames near its bottom).
 */
public final class JfrTop {

    /** Inclusive share of these frame prefixes: the suspects named in issue 13, and the big parts of a batch. */
    static final Map<String, String> SUSPECTS = new LinkedHashMap<>();

    static {
        SUSPECTS.put("logging (org.jboss.logmanager, org.jboss.logging)", "org.jboss.log");
        SUSPECTS.put("JSON parsing (com.fasterxml.jackson)", "com.fasterxml.jackson");
        SUSPECTS.put("SampleParser (JsonNode tree -> samples)", "io.tocsin.ingest.SampleParser");
        SUSPECTS.put("Evaluator.apply (a batch, on the engine thread)", "io.tocsin.engine.Evaluator.apply");
        SUSPECTS.put("Evaluator.feed (a delivery result fed back)", "io.tocsin.engine.Evaluator.feed");
        SUSPECTS.put("Evaluator.settle (fire + lifecycle rounds)", "io.tocsin.engine.Evaluator.settle");
        SUSPECTS.put("SeriesTable (upsert series, staleness)", "io.tocsin.engine.SeriesTable");
        SUSPECTS.put("AlertLifecycle.evaluate (walks all active alerts)", "io.tocsin.engine.AlertLifecycle.evaluate");
        SUSPECTS.put("Drools fireAllRules", "org.drools.kiesession.agenda.DefaultAgenda.fireAllRules");
        SUSPECTS.put("Drools update/insert (propagation)", "org.drools.kiesession.session.StatefulKnowledgeSessionImpl.update");
        SUSPECTS.put("ActionPlanner.handle (records + INFO line)", "io.tocsin.dispatch.ActionPlanner.handle");
        SUSPECTS.put("ActionLog (history)", "io.tocsin.dispatch.ActionLog");
        SUSPECTS.put("Watches (record/assess/save)", "io.tocsin.engine.Watches");
        SUSPECTS.put("Dispatcher (delivery threads)", "io.tocsin.dispatch.Dispatcher");
        SUSPECTS.put("SamplesResource (HTTP worker: read, parse, hand over)", "io.tocsin.ingest.SamplesResource");
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> engineSelf = new HashMap<>();
        Map<String, Long> engineInclusive = new HashMap<>();
        Map<String, Long> workerInclusive = new HashMap<>();
        Map<String, Long> suspects = new HashMap<>();
        Map<String, Long> engineSuspects = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        long samples = 0;
        long engineSamples = 0;
        long workerSamples = 0;
        long allocated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                thread = thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "-N");
                threads.merge(thread, 1L, Long::sum);
                boolean engine = thread.startsWith("tocsin-engine");
                boolean worker = thread.startsWith("executor-thread");
                engineSamples += engine ? 1 : 0;
                workerSamples += worker ? 1 : 0;
                List<String> frames = frames(e.getStackTrace());
                if (frames.isEmpty()) {
                    continue;
                }
                self.merge(frames.get(0), 1L, Long::sum);
                if (engine) {
                    engineSelf.merge(frames.get(0), 1L, Long::sum);
                }
                Set<String> seen = new HashSet<>(frames);
                for (String f : seen) {
                    inclusive.merge(f, 1L, Long::sum);
                    if (engine) {
                        engineInclusive.merge(f, 1L, Long::sum);
                    }
                    if (worker) {
                        workerInclusive.merge(f, 1L, Long::sum);
                    }
                }
                for (Map.Entry<String, String> s : SUSPECTS.entrySet()) {
                    if (frames.stream().anyMatch(f -> f.startsWith(s.getValue()))) {
                        suspects.merge(s.getKey(), 1L, Long::sum);
                        if (engine) {
                            engineSuspects.merge(s.getKey(), 1L, Long::sum);
                        }
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                allocated += weight;
                allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                allocBySite.merge(site(frames(e.getStackTrace())), weight, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d CPU samples (%d on tocsin-engine), %.0f MB allocated (sampled "
                + "estimate)%n", args[0], samples, engineSamples, allocated / 1e6);
        print("CPU samples by thread", threads, samples, top);
        print("suspects, inclusive share of ALL CPU samples", suspects, samples, top);
        print("suspects, inclusive share of the ENGINE thread's samples", engineSuspects, engineSamples, top);
        print("hottest methods by self samples, all threads", self, samples, top);
        print("hottest methods by self samples, engine thread", engineSelf, engineSamples, top);
        print("methods by inclusive samples, engine thread", engineInclusive, engineSamples, top);
        print("methods by inclusive samples, HTTP worker threads (executor-thread-N)", workerInclusive, workerSamples,
                top);
        print("allocation by class (bytes)", allocByClass, allocated, top);
        print("allocation by first non-JDK frame (bytes)", allocBySite, allocated, top);
    }

    static List<String> frames(RecordedStackTrace stack) {
        List<String> out = new ArrayList<>();
        if (stack == null) {
            return out;
        }
        for (RecordedFrame f : stack.getFrames()) {
            if (f.isJavaFrame()) {
                out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
        }
        return out;
    }

    /** The first frame outside java.*, jdk.*, sun.*: who asked for the allocation. */
    static String site(List<String> frames) {
        for (String f : frames) {
            if (!f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun.")) {
                return f;
            }
        }
        return frames.isEmpty() ? "?" : frames.get(0);
    }

    static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.println();
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %10d  %s%n",
                        total == 0 ? 0.0 : 100.0 * e.getValue() / total, e.getValue(), e.getKey()));
    }
}
