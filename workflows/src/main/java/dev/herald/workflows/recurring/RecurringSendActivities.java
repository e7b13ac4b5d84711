package dev.herald.workflows.recurring;

import io.temporal.activity.ActivityInterface;

import java.util.UUID;

@ActivityInterface
public interface RecurringSendActivities {

    /**
     * Stores the send of one firing; {@code firingId} (the run's workflow id) makes a retry
     * answer the send it already made. Null when the recurring send no longer exists.
     */
    FiredSend createSend(UUID recurringSendId, String firingId);
}
