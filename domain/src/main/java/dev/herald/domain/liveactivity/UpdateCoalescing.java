package dev.herald.domain.liveactivity;

import java.time.Duration;
import java.time.Instant;

/**
 * How a burst of live activity updates becomes few pushes: stale updates are dropped, updates
 * waiting to go out are merged (the latest state wins), and high-priority pushes keep a minimum
 * interval so the activity stays within Apple's update budget. Pure, for deterministic workflows.
 */
public final class UpdateCoalescing {

    private UpdateCoalescing() {
    }

    /** An update older than the last accepted one would show an outdated state: it is dropped. */
    public static boolean isStale(Instant timestamp, Instant lastAccepted) {
        return timestamp != null && lastAccepted != null && timestamp.isBefore(lastAccepted);
    }

    /**
     * Folds a newer update into one still waiting: the newer state and timestamp replace the
     * older ones, an alert, stale date or relevance score the newer one leaves out is kept, and
     * the merged push goes at the higher of the two priorities.
     */
    public static StateUpdate merge(StateUpdate waiting, StateUpdate next) {
        if (waiting == null) {
            return next;
        }
        int priority = Math.max(waiting.effectivePriority(), next.effectivePriority());
        return new StateUpdate(next.contentState(),
                next.alert() != null ? next.alert() : waiting.alert(),
                next.staleDate() != null ? next.staleDate() : waiting.staleDate(),
                next.relevanceScore() != null ? next.relevanceScore() : waiting.relevanceScore(),
                priority,
                next.timestamp(),
                next.receivedAt());
    }

    /**
     * When a waiting update may go out: a high-priority one no sooner than {@code minInterval}
     * after the previous high-priority push, a low-priority one at once.
     */
    public static Instant dueAt(StateUpdate waiting, Instant lastHighPriorityPush, Duration minInterval, Instant now) {
        if (waiting.effectivePriority() < StateUpdate.HIGH_PRIORITY || lastHighPriorityPush == null) {
            return now;
        }
        Instant earliest = lastHighPriorityPush.plus(minInterval);
        return earliest.isAfter(now) ? earliest : now;
    }
}
