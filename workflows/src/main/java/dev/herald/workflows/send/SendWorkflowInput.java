package dev.herald.workflows.send;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of a send run. A fresh send has no state; a continued run carries where it stands and
 * the totals so far.
 */
public record SendWorkflowInput(UUID sendId, Instant scheduledFor, SendState state, SendProgress progress) {

    public static SendWorkflowInput fresh(UUID sendId, Instant scheduledFor) {
        return new SendWorkflowInput(sendId, scheduledFor, null, null);
    }

    SendWorkflowInput continueWith(SendState state, SendProgress soFar) {
        return new SendWorkflowInput(sendId, scheduledFor, state, soFar);
    }

    boolean started() {
        return state != null;
    }
}
