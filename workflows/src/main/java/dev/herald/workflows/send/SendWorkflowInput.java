package dev.herald.workflows.send;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of a send run. A fresh send has no cursor; a continued run carries the cursor and the
 * totals so far.
 */
public record SendWorkflowInput(UUID sendId, Instant scheduledFor, boolean started, UUID cursor, SendProgress progress) {

    public static SendWorkflowInput fresh(UUID sendId, Instant scheduledFor) {
        return new SendWorkflowInput(sendId, scheduledFor, false, null, null);
    }

    SendWorkflowInput continueAt(UUID nextCursor, SendProgress soFar) {
        return new SendWorkflowInput(sendId, scheduledFor, true, nextCursor, soFar);
    }
}
