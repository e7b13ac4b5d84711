package dev.herald.workflows.liveactivity;

import dev.herald.domain.liveactivity.StateUpdate;
import dev.herald.domain.liveactivity.UpdateCoalescing;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

public class LiveActivityWorkflowImpl implements LiveActivityWorkflow {

    /** A run continues as new after this many pushes, keeping its history far under 10k events. */
    static final int MAX_PUSHES_PER_RUN = 300;
    /** Validator refusals reach the client as their message only, so it starts with a stable code. */
    public static final String STALE_UPDATE = "stale_update";
    public static final String ACTIVITY_ENDED = "activity_ended";

    private final LiveActivityActivities activities = Workflow.newActivityStub(LiveActivityActivities.class,
            ActivityOptions.newBuilder()
                    .setSummary("push to the activity")
                    .setStartToCloseTimeout(Duration.ofSeconds(90))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(6)
                            .build())
                    .build());

    private LiveActivityInput input;
    private LiveActivityState state;
    /** The update waiting to go out; later updates merge into it. */
    private StateUpdate waiting;
    private EndRequest endRequest;
    private boolean wake;
    private boolean tokenChanged;
    private boolean opened;
    private boolean finished;
    private int pushesThisRun;

    @Override
    public LiveActivityState run(LiveActivityInput in) {
        input = in;
        if (in.carried() != null) {
            state = in.carried();
            waiting = in.waiting();
        } else {
            Instant now = now();
            StateUpdate initial = in.initial().timestamp() == null ? in.initial().at(receivedOrNow(in.initial().receivedAt(), null)) : in.initial();
            state = LiveActivityState.begin(initial, now, now.plus(in.maxLifetime()));
            if (in.remoteStart()) {
                PushResult started = push(LiveActivityPush.START, initial, null);
                if (started.outcome() != PushResult.Outcome.SENT) {
                    return finish("start_failed: " + started.describe(), false);
                }
            }
        }
        opened = true;
        while (true) {
            describe();
            if (endRequest != null) {
                return finish("ended", true);
            }
            Instant now = now();
            if (!now.isBefore(state.endsBy())) {
                return finish("max_lifetime", true);
            }
            if (tokenChanged) {
                tokenChanged = false;
                if (state.waitingForToken() && waiting == null) {
                    // the push the old token missed goes out again, with the state as it is now
                    waiting = new StateUpdate(state.contentState(), null, state.staleDate(), state.relevanceScore(), null,
                            state.lastTimestamp());
                    state = state.tokenArrived(dueAt(waiting));
                }
            }
            if (waiting != null && !dueAt(waiting).isAfter(now)) {
                StateUpdate next = waiting;
                waiting = null;
                push(LiveActivityPush.UPDATE, next, null);
                continue;
            }
            if (pushesThisRun >= MAX_PUSHES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.await(() -> Workflow.isEveryHandlerFinished() || endRequest != null);
                if (tokenChanged) {
                    // a token reported while handlers finished is handled here, not lost to the next run
                    continue;
                }
                if (endRequest == null) {
                    Workflow.continueAsNew(input.continueWith(state, waiting));
                }
                continue;
            }
            Instant until = waiting != null && dueAt(waiting).isBefore(state.endsBy()) ? dueAt(waiting) : state.endsBy();
            wake = false;
            Workflow.await(Duration.between(now, until), () -> wake);
        }
    }

    private PushResult push(String event, StateUpdate update, Instant dismissalDate) {
        PushResult result;
        try {
            result = activities.push(new LiveActivityPush(input.activityId(), event, update, dismissalDate, state.pushes() + 1));
        } catch (ActivityFailure retriesExhausted) {
            result = PushResult.of(PushResult.Outcome.FAILED, "retries_exhausted");
        }
        pushesThisRun++;
        boolean highPriority = update.effectivePriority() >= StateUpdate.HIGH_PRIORITY;
        state = state.pushed(result, highPriority, now(), waiting == null ? null : dueAt(waiting));
        return result;
    }

    /** Sends the end push (unless the start never happened), records the end and lets handlers finish. */
    private LiveActivityState finish(String reason, boolean endPush) {
        EndRequest request = endRequest;
        Map<String, Object> finalState = request != null && request.contentState() != null ? request.contentState()
                : state.contentState();
        waiting = null;
        state = state.ending(finalState);
        if (endPush) {
            Instant timestamp = request != null && request.timestamp() != null ? request.timestamp() : latest(now(), state.lastTimestamp());
            StateUpdate last = new StateUpdate(finalState, request == null ? null : request.alert(), null, state.relevanceScore(),
                    StateUpdate.HIGH_PRIORITY, timestamp);
            push(LiveActivityPush.END, last, request == null ? null : request.dismissalDate());
        }
        Instant at = now();
        activities.recordEnded(input.activityId(), reason, finalState, at);
        state = state.ended(reason, at);
        finished = true;
        // a start that failed answers the opening call only now, with the activity ended
        opened = true;
        describe();
        Workflow.await(Workflow::isEveryHandlerFinished);
        return state;
    }

    private Instant dueAt(StateUpdate update) {
        return UpdateCoalescing.dueAt(update, state.lastHighPriorityPushAt(), input.minHighPriorityInterval(), now());
    }

    private void describe() {
        Workflow.setCurrentDetails(state.status() + ": " + state.pushes() + " pushes, " + state.updatesReceived()
                + " updates (" + state.updatesCoalesced() + " coalesced)"
                + (state.nextPushAt() != null ? ", next push at " + state.nextPushAt() : "")
                + (state.waitingForToken() ? ", waiting for the app's update token" : "")
                + (state.endReason() != null ? ", ended: " + state.endReason() : ""));
    }

    @Override
    public LiveActivityState opened() {
        Workflow.await(() -> opened);
        return state;
    }

    @Override
    public UpdateReceipt update(StateUpdate update) {
        Workflow.await(() -> state != null);
        // the validator passes anything while the run has no state yet; check again now it has
        validateUpdate(update);
        Instant timestamp = update.timestamp() != null ? update.timestamp() : receivedOrNow(update.receivedAt(), state.lastTimestamp());
        boolean coalesced = waiting != null;
        waiting = UpdateCoalescing.merge(waiting, update.at(timestamp));
        Instant pushAt = dueAt(waiting);
        state = state.accepted(waiting, timestamp, coalesced, pushAt);
        wake = true;
        return new UpdateReceipt(coalesced, pushAt);
    }

    @Override
    public void validateUpdate(StateUpdate update) {
        refuseChangesOnceEnding();
        refuseStale(update.timestamp());
    }

    @Override
    public LiveActivityState end(EndRequest request) {
        Workflow.await(() -> state != null);
        validateEnd(request);
        endRequest = request.timestamp() == null ? request.at(receivedOrNow(request.receivedAt(), state.lastTimestamp())) : request;
        wake = true;
        Workflow.await(() -> finished);
        return state;
    }

    @Override
    public void validateEnd(EndRequest request) {
        refuseChangesOnceEnding();
        refuseStale(request.timestamp());
    }

    private void refuseChangesOnceEnding() {
        if (state != null && (!state.acceptsChanges() || endRequest != null)) {
            throw ApplicationFailure.newNonRetryableFailure(ACTIVITY_ENDED + ": the live activity has ended", ACTIVITY_ENDED);
        }
    }

    private void refuseStale(Instant timestamp) {
        if (state != null && UpdateCoalescing.isStale(timestamp, state.lastTimestamp())) {
            throw ApplicationFailure.newNonRetryableFailure(STALE_UPDATE + ": an update with a later timestamp (" + state.lastTimestamp()
                    + ") was already accepted; this one is dropped", STALE_UPDATE);
        }
    }

    @Override
    public void updateTokenChanged() {
        tokenChanged = true;
        wake = true;
    }

    @Override
    public LiveActivityState state() {
        return state;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    /**
     * The timestamp of an update that came without one: when the API received it (the callers'
     * timestamps are on that clock too), never before the last accepted.
     */
    private static Instant receivedOrNow(Instant receivedAt, Instant last) {
        return latest(receivedAt != null ? receivedAt : now(), last);
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
