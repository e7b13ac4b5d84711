package dev.herald.api.liveactivity;

import dev.herald.api.temporal.LostRuns;
import dev.herald.domain.liveactivity.LiveActivity;
import dev.herald.domain.liveactivity.LiveActivityOrigin;
import dev.herald.domain.liveactivity.LiveActivityStore;
import dev.herald.domain.liveactivity.StateUpdate;
import dev.herald.workflows.liveactivity.LiveActivityInput;
import dev.herald.workflows.liveactivity.LiveActivityState;
import dev.herald.workflows.liveactivity.PushResult;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Active live activities start {@code live-activity-<id>} again from their state as last
 * recorded: the end timer counts from the activity's start, updates older than the last pushed
 * state stay stale, and a start push that never went out goes out now.
 */
@Singleton
public class LostLiveActivities implements LostRuns {


    private final LiveActivityStore store;
    private final LiveActivityRuns runs;
    private final LiveActivitySettings settings;

    public LostLiveActivities(LiveActivityStore store, LiveActivityRuns runs, LiveActivitySettings settings) {
        this.store = store;
        this.runs = runs;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "live activities";
    }

    @Override
    public int restart() {
        return LostRuns.restartEach(store.allActive(), activity -> runs.restart(activity, inputOf(activity)));
    }

    private LiveActivityInput inputOf(LiveActivity activity) {
        boolean remote = activity.origin() == LiveActivityOrigin.REMOTE;
        var lifetime = settings.maxLifetime(activity.platform());
        if (remote && activity.pushes() == 0) {
            // lost before its start push went out: it starts now, as it would have
            StateUpdate initial = new StateUpdate(activity.contentState(), null, activity.staleAt(), activity.relevanceScore(),
                    null, activity.contentTimestamp());
            return LiveActivityInput.fresh(activity.id(), activity.platform().name(), true, initial, lifetime, settings.minUpdateInterval());
        }
        LiveActivityState recorded = LiveActivityState.recorded(activity.contentState(), activity.staleAt(), activity.relevanceScore(),
                activity.contentTimestamp(), activity.createdAt(), activity.createdAt().plus(lifetime), activity.lastPushAt(),
                activity.pushes(), waitingForToken(activity), activity.lastPushOutcome());
        return LiveActivityInput.resumed(activity.id(), activity.platform().name(), remote, recorded, lifetime, settings.minUpdateInterval());
    }

    /** The last push found no token (or a dead one): the state goes out again once the app reports one. */
    private static boolean waitingForToken(LiveActivity activity) {
        String outcome = activity.lastPushOutcome();
        return outcome != null && activity.updateToken() == null
                && (outcome.startsWith(PushResult.Outcome.NO_TOKEN.name().toLowerCase(Locale.ROOT))
                || outcome.startsWith(PushResult.Outcome.TOKEN_INVALID.name().toLowerCase(Locale.ROOT)));
    }
}
