package dev.herald.domain.liveactivity;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One live activity on one device, as stored. {@code contentState} is the latest state Herald
 * holds for it; {@code updateToken} the per-activity APNs token, absent until the app reports
 * it and once APNs retires it. {@code contentTimestamp} is the timestamp of the latest state pushed.
 */
public record LiveActivity(UUID id,
                           UUID orgId,
                           UUID appId,
                           @Nullable UUID userId,
                           @Nullable String externalUserId,
                           @Nullable UUID deviceId,
                           @Nullable String externalId,
                           LiveActivityPlatform platform,
                           LiveActivityOrigin origin,
                           String activityType,
                           Map<String, Object> attributes,
                           Map<String, Object> contentState,
                           @Nullable Instant staleAt,
                           @Nullable Double relevanceScore,
                           LiveActivityStatus status,
                           @Nullable String endReason,
                           @Nullable String updateToken,
                           @Nullable Instant updateTokenAt,
                           int pushes,
                           @Nullable String lastPushEvent,
                           @Nullable String lastPushOutcome,
                           @Nullable Instant lastPushAt,
                           Instant createdAt,
                           @Nullable Instant endedAt,
                           Instant updatedAt,
                           @Nullable Instant contentTimestamp) {

    public String workflowId() {
        return workflowId(id);
    }

    public static String workflowId(UUID id) {
        return "live-activity-" + id;
    }

    /** The attribute of a push-to-start that tells the app which activity this is. */
    public static final String HERALD_ACTIVITY_ID = "heraldActivityId";

    /**
     * The attributes a push-to-start carries: the caller's plus {@value #HERALD_ACTIVITY_ID}, so
     * the app (whose ActivityAttributes decoding ignores keys it does not declare) can read
     * Herald's id and report the activity's update token under it. A caller's own value stays.
     */
    public Map<String, Object> startAttributes() {
        Map<String, Object> withId = new java.util.LinkedHashMap<>(attributes == null ? Map.of() : attributes);
        withId.putIfAbsent(HERALD_ACTIVITY_ID, id.toString());
        return withId;
    }

    public boolean active() {
        return status == LiveActivityStatus.ACTIVE;
    }
}
