import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * How long this machine takes to run a parked thread that another thread hands work to: the cost of each
 * hand-off between threads on Tocsin's breach path (HTTP event loop to engine, engine to dispatcher, dispatcher to
 * the HTTP client's event loop). Each round sleeps a moment (so the receiving CPU goes idle, as between breaches),
 * hands a timestamp over a {@link SynchronousQueue}, and the receiver records how long it took to get it.
 *
 *   java bench/WakeLatency.java [rounds=5000] [idle-micros=1000]
 */
public final class WakeLatency {

    public static void main(String[] args) throws Exception {
        int rounds = Math.max(1, args.length > 0 ? Integer.parseInt(args[0]) : 5000);
        long idleMicros = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        SynchronousQueue<Long> handOff = new SynchronousQueue<>();
        long[] waits = new long[rounds];
        Thread receiver = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    long sent = handOff.take();
                    waits[i] = System.nanoTime() - sent;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "receiver");
        receiver.start();
        for (int i = 0; i < rounds; i++) {
            TimeUnit.MICROSECONDS.sleep(idleMicros);
            handOff.put(System.nanoTime());
        }
        receiver.join();
        long[] sorted = waits.clone();
        Arrays.sort(sorted);
        long over2ms = Arrays.stream(waits).filter(w -> w > 2_000_000).count();
        System.out.printf(Locale.ROOT, "hand-off to a parked thread, %d rounds, %d us idle between: p50 %.3f ms,"
                + " p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f; %.2f %% over 2 ms%n", rounds, idleMicros, at(sorted, 50),
                at(sorted, 90), at(sorted, 99), at(sorted, 99.9), sorted[rounds - 1] / 1e6, 100.0 * over2ms / rounds);
    }

    static double at(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }
}
