package dev.herald.workflows.send;

import io.temporal.activity.ActivityInterface;

import java.time.Instant;
import java.util.UUID;

/** Status changes of a send, recorded in the database. */
@ActivityInterface
public interface SendActivities {

    /** Marks the send running, resolves its targets as they are now, and answers what delivery needs. */
    SendStart start(UUID sendId, Instant at);

    void markPaused(UUID sendId, boolean paused);

    /** Records the end state; devices still pending or deferred are recorded as failed with {@code pendingReason}. */
    void finish(UUID sendId, String status, String pendingReason, Instant at);
}
