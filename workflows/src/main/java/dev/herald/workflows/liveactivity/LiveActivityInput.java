package dev.herald.workflows.liveactivity;

import dev.herald.domain.liveactivity.StateUpdate;

import java.time.Duration;
import java.util.UUID;

/**
 * Input of a live activity run. A fresh run has the initial state; a continued one carries the
 * state so far and the update still waiting to go out.
 *
 * @param remoteStart          whether Herald sends the start push (else the app started it)
 * @param maxLifetime          when the activity is ended at the latest (8 h on iOS)
 * @param minHighPriorityInterval the least time between two priority-10 pushes
 */
public record LiveActivityInput(UUID activityId,
                                String platform,
                                boolean remoteStart,
                                StateUpdate initial,
                                Duration maxLifetime,
                                Duration minHighPriorityInterval,
                                LiveActivityState carried,
                                StateUpdate waiting) {

    public static LiveActivityInput fresh(UUID activityId, String platform, boolean remoteStart, StateUpdate initial,
                                          Duration maxLifetime, Duration minHighPriorityInterval) {
        return new LiveActivityInput(activityId, platform, remoteStart, initial, maxLifetime, minHighPriorityInterval, null, null);
    }

    /**
     * An activity whose run was lost (the embedded Temporal keeps runs in memory only), started
     * again from its state as last recorded: it does not push a start again.
     */
    public static LiveActivityInput resumed(UUID activityId, String platform, boolean remoteStart, LiveActivityState recorded,
                                            Duration maxLifetime, Duration minHighPriorityInterval) {
        return new LiveActivityInput(activityId, platform, remoteStart, null, maxLifetime, minHighPriorityInterval, recorded, null);
    }

    LiveActivityInput continueWith(LiveActivityState state, StateUpdate stillWaiting) {
        return new LiveActivityInput(activityId, platform, remoteStart, initial, maxLifetime, minHighPriorityInterval, state, stillWaiting);
    }
}
