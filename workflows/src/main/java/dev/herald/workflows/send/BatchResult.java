package dev.herald.workflows.send;

import java.util.UUID;

/**
 * What became of one page: where the next page starts, and how the page's devices now stand
 * in the ledger (so a retried page is never counted twice).
 */
public record BatchResult(UUID lastDeviceId, int devices, int accepted, int failed, int suppressed, boolean lastPage) {

    public static BatchResult empty(UUID cursor) {
        return new BatchResult(cursor, 0, 0, 0, 0, true);
    }
}
