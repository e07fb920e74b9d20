package io.tocsin.watch;

import io.tocsin.watch.history.History;

/**
 * Where what must outlive the engine's memory is written: the final report of each watch when it closes, and
 * the evidence bundle of each rollback. The engine calls it on its own thread, in the pass that decided.
 */
public interface Archive {

    /** A watch closed (verdict, rollback or by hand): write its final report. */
    void watchClosed(WatchLog log, History history, long now);

    /** A rollback was decided: preserve the evidence; returns where, relative to the data directory. */
    String evidence(Evidence evidence);

    /** Writes nothing; for rule tests. */
    static Archive none() {
        return new Archive() {
            @Override
            public void watchClosed(WatchLog log, History history, long now) {
                // nothing kept
            }

            @Override
            public String evidence(Evidence evidence) {
                return null;
            }
        };
    }
}
