package io.tocsin.tools;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Pairs expectations with actual items so that as many expectations as possible are met (maximum bipartite
 * matching, Kuhn's algorithm). Greedy pairing would fail a test whose loose expectation ("a notify to
 * #genesis-alerts") took the item a stricter one needed.
 */
final class Matching {

    private Matching() {
    }

    /** For each expectation, the index of its actual item, or -1 if none is left for it. */
    static <E, A> int[] assign(List<E> expected, List<A> actual, BiPredicate<E, A> fits) {
        int[] owner = new int[actual.size()];
        Arrays.fill(owner, -1);
        for (int e = 0; e < expected.size(); e++) {
            augment(e, expected, actual, fits, owner, new boolean[actual.size()]);
        }
        int[] match = new int[expected.size()];
        Arrays.fill(match, -1);
        for (int a = 0; a < owner.length; a++) {
            if (owner[a] >= 0) {
                match[owner[a]] = a;
            }
        }
        return match;
    }

    private static <E, A> boolean augment(int e, List<E> expected, List<A> actual, BiPredicate<E, A> fits,
            int[] owner, boolean[] seen) {
        for (int a = 0; a < actual.size(); a++) {
            if (!seen[a] && fits.test(expected.get(e), actual.get(a))) {
                seen[a] = true;
                if (owner[a] < 0 || augment(owner[a], expected, actual, fits, owner, seen)) {
                    owner[a] = e;
                    return true;
                }
            }
        }
        return false;
    }
}
