import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the CPU goes, from async-profiler's collapsed stacks recorded with its {@code threads} option (one line
 * per distinct stack, {@code [thread tid=N];frame;...;frame count}, outermost frame first): samples by thread
 * kind, then for the threads whose name starts with a prefix the share of each library (a sample counts for the
 * library of its innermost frame outside the JDK, so the JDK code a library calls is that library's time) and the
 * hottest methods by inclusive samples. JFR cannot profile a start with the JDK 25 start-up cache (its module is
 * then missing from the cache's module graph); async-profiler, a native agent, can, and it sees the compiler
 * threads too.
 *
 * <pre>  java bench/StackTop.java stacks.collapsed [thread-prefix=main] [top=25]</pre>
 */
public final class StackTop {

    /** Library families by frame prefix (frames are {@code package/Class.method}); the first match wins. */
    static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("io/tocsin/", "Tocsin");
        LIBRARIES.put("genesis/", "Tocsin (compiled rules)");
        LIBRARIES.put("orchestrator/", "Tocsin (compiled rules)");
        LIBRARIES.put("org/drools/", "Drools");
        LIBRARIES.put("org/kie/", "Drools");
        LIBRARIES.put("io/smallrye/config/", "SmallRye Config (configuration)");
        LIBRARIES.put("io/quarkus/runtime/generated/Config", "SmallRye Config (configuration)");
        LIBRARIES.put("io/quarkus/arc/", "ArC (CDI beans, events)");
        LIBRARIES.put("io/quarkus/micrometer/", "Micrometer");
        LIBRARIES.put("io/micrometer/", "Micrometer");
        LIBRARIES.put("org/jboss/resteasy/", "RESTEasy Reactive");
        LIBRARIES.put("io/quarkus/resteasy/", "RESTEasy Reactive");
        LIBRARIES.put("io/quarkus/rest/", "RESTEasy Reactive");
        LIBRARIES.put("io/vertx/", "Vert.x and Netty");
        LIBRARIES.put("io/netty/", "Vert.x and Netty");
        LIBRARIES.put("io/quarkus/vertx/", "Vert.x and Netty");
        LIBRARIES.put("io/quarkus/qute/", "Qute");
        LIBRARIES.put("io/quarkus/qute", "Qute");
        LIBRARIES.put("io/smallrye/reactive/messaging/", "SmallRye Reactive Messaging");
        LIBRARIES.put("com/fasterxml/jackson/", "Jackson");
        LIBRARIES.put("io/quarkus/jackson/", "Jackson");
        LIBRARIES.put("org/jboss/logmanager/", "logging");
        LIBRARIES.put("org/jboss/logging/", "logging");
        LIBRARIES.put("io/quarkus/", "Quarkus (other)");
        LIBRARIES.put("io/smallrye/", "SmallRye (other)");
    }

    /** Thread kinds by name prefix: those of bench/run.sh's per-thread CPU figures, plus the main thread. */
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("main", "main");
        KINDS.put("tocsin-engine", "engine");
        KINDS.put("C2 CompilerThre", "JIT (C2)");
        KINDS.put("C1 CompilerThre", "JIT (C1)");
        KINDS.put("VM Thread", "GC and VM operations");
        KINDS.put("GC Thread", "GC and VM operations");
        KINDS.put("vert.x-eventloo", "HTTP event loops");
        KINDS.put("executor-thread", "HTTP workers");
        KINDS.put("tocsin-journal", "journal");
        KINDS.put("tocsin-dispatch", "dispatch");
        KINDS.put("tocsin-snapshot", "snapshots");
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java bench/StackTop.java stacks.collapsed [thread-prefix=main] [top=25]");
            System.exit(2);
        }
        String prefix = args.length > 1 ? args[1] : "main";
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Map<String, Long> byKind = new HashMap<>();
        Map<String, Long> byLibrary = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long total = 0;
        long chosen = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            String thread = threadName(frames[0]);
            total += count;
            byKind.merge(kind(thread), count, Long::sum);
            if (thread == null || !thread.startsWith(prefix)) {
                continue;
            }
            chosen += count;
            byLibrary.merge(library(frames), count, Long::sum);
            Set<String> seen = new HashSet<>(); // a recursive frame counts once per sample
            for (int i = 1; i < frames.length; i++) {
                if (seen.add(frames[i])) {
                    inclusive.merge(frames[i], count, Long::sum);
                }
            }
        }
        System.out.printf("%s: %d samples%n%nsamples by thread kind:%n", args[0], total);
        print(byKind, total, 20);
        System.out.printf("%nthreads '%s*': %d samples; by library (innermost frame outside the JDK):%n", prefix,
                chosen);
        print(byLibrary, chosen, 20);
        System.out.printf("%nthreads '%s*', methods by inclusive samples (below 95 %%):%n", prefix);
        Map<String, Long> below = new HashMap<>();
        final long all = chosen;
        inclusive.forEach((frame, n) -> {
            if (n < all * 0.95) {
                below.put(frame, n);
            }
        });
        print(below, chosen, top);
    }

    /** {@code [main tid=42]} → {@code main}; null when the line has no thread frame (recorded without threads). */
    static String threadName(String frame) {
        if (!frame.startsWith("[") || !frame.endsWith("]")) {
            return null;
        }
        String name = frame.substring(1, frame.length() - 1);
        int tid = name.lastIndexOf(" tid=");
        return tid < 0 ? name : name.substring(0, tid);
    }

    static String kind(String thread) {
        if (thread == null) {
            return "(no thread)";
        }
        String kind = byPrefix(KINDS, thread);
        return kind == null ? "other" : kind;
    }

    static String library(String[] frames) {
        for (int i = frames.length - 1; i > 0; i--) {
            String library = byPrefix(LIBRARIES, frames[i]);
            if (library != null) {
                return library;
            }
        }
        return "JDK and JVM only (class loading, linking, interpreter)";
    }

    /** The value of the first key {@code name} starts with, in the table's order; null when none. */
    static String byPrefix(Map<String, String> table, String name) {
        for (Map.Entry<String, String> e : table.entrySet()) {
            if (name.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    static void print(Map<String, Long> counts, long total, int limit) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (Map.Entry<String, Long> row : rows.subList(0, Math.min(limit, rows.size()))) {
            System.out.printf("  %5.1f%% %8d  %s%n", total == 0 ? 0.0 : 100.0 * row.getValue() / total,
                    row.getValue(), row.getKey());
        }
    }
}
