package dev.herald.workflows.liveactivity;

import io.temporal.activity.ActivityInterface;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The I/O of a live activity: pushes through its platform's service, and its record in the database. */
@ActivityInterface
public interface LiveActivityActivities {

    /**
     * Sends one push and records it (and the state it carried) on the activity. Retryable
     * provider answers fail the attempt, to be retried; permanent ones are returned.
     */
    PushResult push(LiveActivityPush push);

    /** Records that the activity ended, why, and its final state. */
    void recordEnded(UUID activityId, String reason, Map<String, Object> finalContentState, Instant at);
}
