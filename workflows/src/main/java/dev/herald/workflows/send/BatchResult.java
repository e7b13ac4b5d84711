package dev.herald.workflows.send;

import java.util.UUID;

/**
 * What became of one page: where the lane goes on, and how the page's devices now stand in
 * the ledger (so a retried page is never counted twice). {@code devices} counts devices seen
 * for the first time; a page of deferred devices that came due counts them in
 * {@code undeferred} instead.
 */
public record BatchResult(UUID lastDeviceId, int devices, int accepted, int failed, int suppressed, int deferred,
                          int undeferred, boolean lastPage) {

    public static BatchResult empty(UUID cursor) {
        return new BatchResult(cursor, 0, 0, 0, 0, 0, 0, true);
    }
}
