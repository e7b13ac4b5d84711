package dev.herald.api.liveactivity;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.domain.liveactivity.LiveActivityAlert;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

public final class LiveActivityRequests {

    private LiveActivityRequests() {
    }

    /**
     * Starts an activity with a push (origin {@code remote}: push-to-start on iOS, a start message
     * on Android) or adopts one the app started itself (origin {@code local}, with its
     * {@code updateToken} on iOS when known). {@code externalId} (e.g. an order id) makes the call
     * idempotent: the same id in the same app answers the existing activity.
     */
    @Serdeable
    public record StartActivity(@Nullable String appId,
                                @Nullable @Size(max = 256) String userId,
                                @Nullable String deviceId,
                                @Nullable String platform,
                                @Nullable String origin,
                                @Nullable String externalId,
                                @Nullable String activityType,
                                @Nullable Map<String, Object> attributes,
                                @Nullable Map<String, Object> contentState,
                                @Nullable LiveActivityAlert alert,
                                @Nullable Instant staleDate,
                                @Nullable Double relevanceScore,
                                @Nullable Instant timestamp,
                                @Nullable String updateToken) {
    }

    /**
     * A new content state. Herald's shape uses {@code contentState} and ISO instants; the
     * OneSignal shape ({@code event: update|end}, {@code event_updates}, {@code contents},
     * {@code headings}, {@code stale_date}/{@code dismissal_date} in Unix seconds,
     * {@code ios_relevance_score}) is accepted too. {@code priority} is 10 (default) or 5.
     */
    @Serdeable
    public record UpdateActivity(@Nullable Map<String, Object> contentState,
                                 @Nullable LiveActivityAlert alert,
                                 @Nullable Instant staleDate,
                                 @Nullable Double relevanceScore,
                                 @Nullable Integer priority,
                                 @Nullable Instant timestamp,
                                 @Nullable String event,
                                 @Nullable @JsonProperty("event_updates") Map<String, Object> eventUpdates,
                                 @Nullable String name,
                                 @Nullable Map<String, String> contents,
                                 @Nullable Map<String, String> headings,
                                 @Nullable @JsonProperty("ios_sound") String iosSound,
                                 @Nullable @JsonProperty("stale_date") Long staleDateSeconds,
                                 @Nullable @JsonProperty("dismissal_date") Long dismissalDateSeconds,
                                 @Nullable @JsonProperty("ios_relevance_score") Double iosRelevanceScore) {

        public boolean oneSignalShape() {
            return event != null || eventUpdates != null;
        }
    }

    /** Ends an activity: its final state (else the latest), an alert, and when it leaves the screen. */
    @Serdeable
    public record EndActivity(@Nullable Map<String, Object> contentState,
                              @Nullable LiveActivityAlert alert,
                              @Nullable Instant dismissalDate,
                              @Nullable Instant timestamp) {
    }

    /** A push token reported by the app: an activity's update token, or a device's push-to-start token. */
    @Serdeable
    public record PutToken(@Nullable String token) {
    }
}
