package dev.herald.workflows.liveactivity;

import dev.herald.domain.liveactivity.StateUpdate;

import java.time.Instant;
import java.util.Map;

/**
 * A live activity as its workflow sees it, answered by the state query.
 *
 * @param status           ACTIVE, ENDING (the end push is under way) or ENDED
 * @param contentState     the latest state accepted (it may still be waiting to go out)
 * @param lastTimestamp    the timestamp of the latest accepted update; older ones are stale
 * @param endsBy           when the activity is ended at the latest
 * @param updatesCoalesced accepted updates merged into a later push instead of getting their own
 * @param waitingForToken  the last push found no valid token; the state goes out again once the app reports one
 * @param nextPushAt       when the waiting update goes out, if one waits
 */
public record LiveActivityState(String status,
                                Map<String, Object> contentState,
                                Instant staleDate,
                                Double relevanceScore,
                                Instant lastTimestamp,
                                Instant startedAt,
                                Instant endsBy,
                                Instant lastHighPriorityPushAt,
                                int pushes,
                                int updatesReceived,
                                int updatesCoalesced,
                                boolean waitingForToken,
                                String lastOutcome,
                                Instant nextPushAt,
                                String endReason,
                                Instant endedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String ENDING = "ENDING";
    public static final String ENDED = "ENDED";

    static LiveActivityState begin(StateUpdate initial, Instant now, Instant endsBy) {
        return new LiveActivityState(ACTIVE, initial.contentState(), initial.staleDate(), initial.relevanceScore(),
                initial.timestamp(), now, endsBy, null, 0, 0, 0, false, null, null, null, null);
    }

    /**
     * An active activity as PostgreSQL last recorded it, for a run started again after its
     * Temporal service lost it: the state it last pushed, its lifetime counted from its start.
     * A high-priority push is assumed to have just gone out, so the rebuilt run keeps the interval.
     */
    public static LiveActivityState recorded(Map<String, Object> contentState, Instant staleDate, Double relevanceScore,
                                             Instant lastTimestamp, Instant startedAt, Instant endsBy, Instant lastPushAt,
                                             int pushes, boolean waitingForToken, String lastOutcome) {
        return new LiveActivityState(ACTIVE, contentState, staleDate, relevanceScore, lastTimestamp, startedAt, endsBy, lastPushAt,
                pushes, 0, 0, waitingForToken, lastOutcome, null, null, null);
    }

    LiveActivityState accepted(StateUpdate merged, Instant timestamp, boolean coalesced, Instant pushAt) {
        return new LiveActivityState(status, merged.contentState(), merged.staleDate(), merged.relevanceScore(), timestamp,
                startedAt, endsBy, lastHighPriorityPushAt, pushes, updatesReceived + 1, updatesCoalesced + (coalesced ? 1 : 0),
                waitingForToken, lastOutcome, pushAt, endReason, endedAt);
    }

    /** After a push: a sent high-priority push restarts the interval; a missing or dead token means waiting for one. */
    LiveActivityState pushed(PushResult result, boolean highPriority, Instant at, Instant stillDueAt) {
        boolean sent = result.outcome() == PushResult.Outcome.SENT;
        boolean tokenMissing = result.outcome() == PushResult.Outcome.NO_TOKEN || result.outcome() == PushResult.Outcome.TOKEN_INVALID;
        return new LiveActivityState(status, contentState, staleDate, relevanceScore, lastTimestamp, startedAt, endsBy,
                sent && highPriority ? at : lastHighPriorityPushAt, pushes + 1, updatesReceived, updatesCoalesced,
                tokenMissing || (waitingForToken && !sent), result.describe(), stillDueAt, endReason, endedAt);
    }

    LiveActivityState tokenArrived(Instant pushAt) {
        return new LiveActivityState(status, contentState, staleDate, relevanceScore, lastTimestamp, startedAt, endsBy,
                lastHighPriorityPushAt, pushes, updatesReceived, updatesCoalesced, waitingForToken, lastOutcome, pushAt,
                endReason, endedAt);
    }

    LiveActivityState ending(Map<String, Object> finalState) {
        return new LiveActivityState(ENDING, finalState, staleDate, relevanceScore, lastTimestamp, startedAt, endsBy,
                lastHighPriorityPushAt, pushes, updatesReceived, updatesCoalesced, waitingForToken, lastOutcome, null,
                endReason, endedAt);
    }

    LiveActivityState ended(String reason, Instant at) {
        return new LiveActivityState(ENDED, contentState, staleDate, relevanceScore, lastTimestamp, startedAt, endsBy,
                lastHighPriorityPushAt, pushes, updatesReceived, updatesCoalesced, waitingForToken, lastOutcome, null, reason, at);
    }

    public boolean acceptsChanges() {
        return ACTIVE.equals(status);
    }
}
