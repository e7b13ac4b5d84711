package dev.herald.workflows.liveactivity;

import dev.herald.domain.liveactivity.StateUpdate;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One live activity (workflow id {@code live-activity-<id>}), an entity workflow: it sends the
 * start push (for a remote start), then turns the updates it receives into as few pushes as
 * Apple's budget needs, and ends the activity when asked or at the platform's maximum lifetime.
 */
@WorkflowInterface
public interface LiveActivityWorkflow {

    @WorkflowMethod
    LiveActivityState run(LiveActivityInput input);

    /**
     * Answers once the activity is under way (after its start push, for a remote start); the
     * API calls it with Update-with-Start, so a retried start lands on the same run.
     */
    @UpdateMethod
    LiveActivityState opened();

    /** Accepts a new content state; it goes out now or, in a burst, merged into the next push. */
    @UpdateMethod
    UpdateReceipt update(StateUpdate update);

    /** Refuses updates to an ended activity and updates older than the last accepted one. */
    @UpdateValidatorMethod(updateName = "update")
    void validateUpdate(StateUpdate update);

    /** Ends the activity with a final state; answers once the end push went out. */
    @UpdateMethod
    LiveActivityState end(EndRequest request);

    @UpdateValidatorMethod(updateName = "end")
    void validateEnd(EndRequest request);

    /** The app reported a new update token (stored in PostgreSQL); a state it missed is sent again. */
    @SignalMethod
    void updateTokenChanged();

    @QueryMethod
    LiveActivityState state();
}
