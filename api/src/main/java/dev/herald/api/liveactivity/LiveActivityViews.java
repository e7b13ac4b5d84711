package dev.herald.api.liveactivity;

import dev.herald.domain.liveactivity.LiveActivity;
import dev.herald.domain.liveactivity.StartTokenStore;
import dev.herald.workflows.liveactivity.LiveActivityState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

public final class LiveActivityViews {

    private LiveActivityViews() {
    }

    /**
     * An activity: its record, and while it runs what its workflow knows (the latest state, the
     * push waiting, when it ends at the latest).
     */
    @Serdeable
    public record LiveActivityView(UUID id,
                                   @Nullable String externalId,
                                   UUID appId,
                                   @Nullable String userId,
                                   @Nullable UUID deviceId,
                                   String platform,
                                   String origin,
                                   String activityType,
                                   Map<String, Object> attributes,
                                   Map<String, Object> contentState,
                                   @Nullable Instant staleDate,
                                   @Nullable Double relevanceScore,
                                   String status,
                                   @Nullable String endReason,
                                   boolean hasUpdateToken,
                                   int pushes,
                                   @Nullable String lastPushOutcome,
                                   @Nullable Instant lastPushAt,
                                   @Nullable Integer updatesReceived,
                                   @Nullable Integer updatesCoalesced,
                                   @Nullable Instant nextPushAt,
                                   @Nullable Instant endsBy,
                                   boolean waitingForToken,
                                   Instant createdAt,
                                   @Nullable Instant endedAt,
                                   String workflowId,
                                   @Nullable String temporalUrl) {

        static LiveActivityView of(LiveActivity a, @Nullable LiveActivityState live, @Nullable String temporalUrl) {
            boolean running = live != null && a.active();
            return new LiveActivityView(a.id(), a.externalId(), a.appId(), a.externalUserId(), a.deviceId(),
                    lower(a.platform()), lower(a.origin()), a.activityType(), a.attributes(),
                    running ? live.contentState() : a.contentState(),
                    running ? live.staleDate() : a.staleAt(),
                    running ? live.relevanceScore() : a.relevanceScore(),
                    running ? live.status().toLowerCase(Locale.ROOT) : lower(a.status()), a.endReason(),
                    a.updateToken() != null, a.pushes(), a.lastPushOutcome(), a.lastPushAt(),
                    live == null ? null : live.updatesReceived(), live == null ? null : live.updatesCoalesced(),
                    running ? live.nextPushAt() : null, live == null ? null : live.endsBy(),
                    running && live.waitingForToken(), a.createdAt(), a.endedAt(), a.workflowId(), temporalUrl);
        }

        private static String lower(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
    }

    /** An accepted update: whether it was merged into a push already waiting, and when that push goes. */
    @Serdeable
    public record UpdateAccepted(boolean coalesced, Instant pushAt, LiveActivityView activity) {
    }

    @Serdeable
    public record StartTokenView(UUID deviceId, String activityType, String token, Instant createdAt, Instant updatedAt) {
        static StartTokenView of(StartTokenStore.StartToken t) {
            return new StartTokenView(t.deviceId(), t.activityType(), t.token(), t.createdAt(), t.updatedAt());
        }
    }
}
