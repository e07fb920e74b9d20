import io.tocsin.engine.fact.SeriesKey;
import io.tocsin.watch.history.History;
import io.tocsin.engine.fact.SeriesSelector;
import java.util.List;
import java.util.Map;

/**
 * What a deployment watch's series history costs in memory: N series sampled every S seconds for H hours, all
 * judged by a success criterion, kept as per-minute min/max/last. Prints the bytes the history's arrays hold
 * and the heap it retains (measured after GC), next to what the raw samples would take.
 *
 *   ./tocsin build
 *   java -cp "target/classes:target/quarkus-app/lib/boot/*" bench/WatchHistoryMemory.java [series] [hours] [seconds]
 *   java -cp "target/classes:target/quarkus-app/lib/boot/*" bench/WatchHistoryMemory.java 100 48 15
 */
public class WatchHistoryMemory {

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        long start = 1_790_000_000_000L;
        long before = usedAfterGc();
        History history = new History(List.of(SeriesSelector.parse("watched_metric")));
        history.keepFrom(start);
        long samples = 0;
        for (long t = start; t <= start + hours * 3_600_000L; t += every * 1000L) {
            for (int s = 0; s < series; s++) {
                history.record(new SeriesKey("watched_metric", Map.of("instance", "i" + s)), t, Math.random());
                samples++;
            }
        }
        long after = usedAfterGc();
        System.out.printf("%d series, %d h, a sample every %d s: %,d samples%n", series, hours, every, samples);
        System.out.printf("history: %,d minutes kept, arrays %,d bytes (%.1f MiB); heap retained %.1f MiB%n",
                history.minutes(), history.bytes(), history.bytes() / 1048576.0, (after - before) / 1048576.0);
        System.out.printf("raw samples (8-byte time + 8-byte value, no object overhead): %.1f MiB%n",
                samples * 16 / 1048576.0);
        if (history.seriesCount() != series) {
            throw new IllegalStateException("expected " + series + " series, kept " + history.seriesCount());
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
