package dev.herald.workflows.send;

import io.temporal.activity.ActivityInterface;

import java.time.Instant;
import java.util.UUID;

/** Status changes of a send, recorded in the database. */
@ActivityInterface
public interface SendActivities {

    void markRunning(UUID sendId, Instant at);

    /** Records the end state; devices still pending are recorded as failed with {@code reason}. */
    void finish(UUID sendId, String status, String pendingReason, Instant at);
}
