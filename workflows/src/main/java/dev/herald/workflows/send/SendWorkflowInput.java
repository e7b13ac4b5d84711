package dev.herald.workflows.send;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of a send run. A fresh send has no state; a continued run carries where it stands and
 * the totals so far.
 *
 * @param paused the run starts paused: a paused send rebuilt after its Temporal service lost it stays paused
 */
public record SendWorkflowInput(UUID sendId, Instant scheduledFor, SendState state, SendProgress progress, boolean paused) {

    public static SendWorkflowInput fresh(UUID sendId, Instant scheduledFor) {
        return new SendWorkflowInput(sendId, scheduledFor, null, null, false);
    }

    /** A send that was paused when its run was lost, started again (still paused) from what the ledger holds. */
    public static SendWorkflowInput resumedPaused(UUID sendId, Instant scheduledFor) {
        return new SendWorkflowInput(sendId, scheduledFor, null, null, true);
    }

    SendWorkflowInput continueWith(SendState state, SendProgress soFar) {
        return new SendWorkflowInput(sendId, scheduledFor, state, soFar, false);
    }

    boolean started() {
        return state != null;
    }
}
