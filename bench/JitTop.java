import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the JIT's time goes, from a JFR recording of {@code jdk.Compilation} and {@code jdk.Deoptimization} events
 * ({@code bench/jit.jfc}; {@code bench/run.sh load} with {@code JIT=1}): C2's compilation time in all and per 5
 * seconds of the recording (when the compiler is done), by package, the costliest methods (how often each was
 * compiled, on-stack or whole, code size) and the deoptimisations by reason.
 *
 * <pre>  java bench/JitTop.java recording.jfr [top=20]</pre>
 */
public final class JitTop {

    record Compiled(long nanos, int count, int osr, long maxCode) {
        Compiled plus(long n, boolean onStack, long code) {
            return new Compiled(nanos + n, count + 1, osr + (onStack ? 1 : 0), Math.max(maxCode, code));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/JitTop.java recording.jfr [top=20]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Instant first = null;
        Map<Long, Long> byWindow = new TreeMap<>();
        Map<String, Compiled> byPackage = new HashMap<>();
        Map<String, Compiled> byMethod = new HashMap<>();
        Map<String, Integer> deopts = new HashMap<>();
        long c2 = 0;
        int c2Count = 0;
        long c1 = 0;
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(Path.of(args[0])));
        events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        for (RecordedEvent e : events) {
            if (first == null) {
                first = e.getStartTime();
            }
            String type = e.getEventType().getName();
            if (type.equals("jdk.Deoptimization")) {
                deopts.merge(e.getString("reason") + " (" + e.getString("action") + ")", 1, Integer::sum);
                continue;
            }
            if (!type.equals("jdk.Compilation")) {
                continue;
            }
            long nanos = e.getDuration().toNanos();
            if (e.getShort("compileLevel") < 4) {
                c1 += nanos;
                continue;
            }
            c2 += nanos;
            c2Count++;
            RecordedMethod m = e.getValue("method");
            String cls = m.getType().getName();
            boolean osr = e.getBoolean("isOsr");
            long code = e.getLong("codeSize");
            byWindow.merge(Duration.between(first, e.getStartTime()).toSeconds() / 5, nanos, Long::sum);
            byPackage.merge(pkg(cls), new Compiled(nanos, 1, osr ? 1 : 0, code),
                    (a, b) -> a.plus(b.nanos(), b.osr() > 0, b.maxCode()));
            byMethod.merge(cls + "." + m.getName(), new Compiled(nanos, 1, osr ? 1 : 0, code),
                    (a, b) -> a.plus(b.nanos(), b.osr() > 0, b.maxCode()));
        }
        System.out.printf("%s: C2 %.2f s in %d compilations, C1 %.2f s%n%nC2 per 5 s of the recording:%n", args[0],
                c2 / 1e9, c2Count, c1 / 1e9);
        byWindow.forEach((w, n) -> System.out.printf("  %3d-%3d s  %5.2f s%n", w * 5, w * 5 + 5, n / 1e9));
        System.out.printf("%nC2 by package (first three names):%n");
        print(byPackage, top);
        System.out.printf("%nC2 by method (compilations: all / on-stack; the largest code):%n");
        print(byMethod, top);
        System.out.printf("%ndeoptimisations by reason (action):%n");
        deopts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(d -> System.out.printf("  %6d  %s%n", d.getValue(), d.getKey()));
    }

    static String pkg(String cls) {
        String[] parts = cls.split("[./]");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    static void print(Map<String, Compiled> rows, int top) {
        rows.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().nanos(), a.getValue().nanos())).limit(top)
                .forEach(r -> System.out.printf("  %6.2f s  %4d / %-3d %7d B  %s%n", r.getValue().nanos() / 1e9,
                        r.getValue().count(), r.getValue().osr(), r.getValue().maxCode(), r.getKey()));
    }
}
