package dev.herald.domain.liveactivity;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * A new content state for a live activity. {@code timestamp} (the caller's) orders updates: an
 * older one than the last accepted is stale. Without one, the update is timestamped when Herald
 * received it ({@code receivedAt}), never before the last, so it is never stale.
 * {@code priority} is APNs' 10 (now, counts against the update budget) or 5 (opportunistic).
 */
public record StateUpdate(Map<String, Object> contentState,
                          @Nullable LiveActivityAlert alert,
                          @Nullable Instant staleDate,
                          @Nullable Double relevanceScore,
                          @Nullable Integer priority,
                          @Nullable Instant timestamp,
                          @Nullable Instant receivedAt) {

    public StateUpdate(Map<String, Object> contentState, LiveActivityAlert alert, Instant staleDate, Double relevanceScore,
                       Integer priority, Instant timestamp) {
        this(contentState, alert, staleDate, relevanceScore, priority, timestamp, null);
    }

    public static final int HIGH_PRIORITY = 10;
    public static final int LOW_PRIORITY = 5;

    public int effectivePriority() {
        return priority == null ? HIGH_PRIORITY : priority;
    }

    public StateUpdate at(Instant when) {
        return new StateUpdate(contentState, alert, staleDate, relevanceScore, priority, when, receivedAt);
    }

    public StateUpdate receivedAt(Instant when) {
        return new StateUpdate(contentState, alert, staleDate, relevanceScore, priority, timestamp, when);
    }
}
