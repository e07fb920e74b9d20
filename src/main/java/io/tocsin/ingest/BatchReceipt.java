package io.tocsin.ingest;

/**
 * Message metadata through which the engine hands a batch's result back to the in-process sender. A batch that
 * arrives from a broker has no receipt; the engine then only acknowledges it.
 */
public final class BatchReceipt {

    private volatile IngestResult result;

    public void complete(IngestResult result) {
        this.result = result;
    }

    public IngestResult result() {
        return result;
    }
}
