package dev.herald.activities.provider.fcm;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.Message;
import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushPayloads;
import dev.herald.domain.liveactivity.LiveActivityAlert;
import dev.herald.domain.liveactivity.StateUpdate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An Android Live Update: an FCM data-only message carrying the same state as the iOS push, which
 * the app draws as an ongoing notification. One collapse key per activity, so a device that was
 * offline gets only the latest state.
 */
public final class LiveUpdateMessages {

    /** How long FCM keeps a start or update for an offline device when it has no stale date. */
    static final Duration UPDATE_TTL = Duration.ofHours(1);
    static final Duration END_TTL = Duration.ofHours(8);

    private LiveUpdateMessages() {
    }

    /** @param event START, UPDATE or END */
    public static Message message(String token, UUID activityId, String event, StateUpdate update, Instant dismissalDate,
                                  String activityType, Map<String, Object> attributes, Instant now) {
        boolean end = "END".equals(event);
        Instant expiresAt = end ? now.plus(END_TTL)
                : update.staleDate() != null && update.staleDate().isAfter(now) ? update.staleDate() : now.plus(UPDATE_TTL);
        AndroidConfig android = AndroidConfig.builder()
                .setPriority(!"UPDATE".equals(event) || update.effectivePriority() >= StateUpdate.HIGH_PRIORITY
                        ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL)
                .setTtl(Duration.between(now, expiresAt).toMillis())
                .setCollapseKey("live-activity-" + activityId)
                .build();
        return Message.builder()
                .setToken(token)
                .putAllData(data(activityId, event, update, dismissalDate, activityType, attributes))
                .setAndroidConfig(android)
                .build();
    }

    /** FCM data values are strings: dates as Unix seconds, objects as JSON. */
    static Map<String, String> data(UUID activityId, String event, StateUpdate update, Instant dismissalDate,
                                    String activityType, Map<String, Object> attributes) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("liveActivityEvent", event.toLowerCase(Locale.ROOT));
        data.put("liveActivityId", activityId.toString());
        data.put("activityType", activityType);
        data.put("timestamp", Long.toString(update.timestamp().getEpochSecond()));
        data.put("contentState", PushPayloads.json(update.contentState()));
        if ("START".equals(event)) {
            data.put("attributes", PushPayloads.json(attributes));
        }
        if (update.staleDate() != null) {
            data.put("staleDate", Long.toString(update.staleDate().getEpochSecond()));
        }
        if (update.relevanceScore() != null) {
            data.put("relevanceScore", update.relevanceScore().toString());
        }
        if ("END".equals(event) && dismissalDate != null) {
            data.put("dismissalDate", Long.toString(dismissalDate.getEpochSecond()));
        }
        LiveActivityAlert alert = update.alert();
        if (alert != null) {
            putIfSet(data, "alertTitle", alert.title());
            putIfSet(data, "alertBody", alert.body());
            putIfSet(data, "alertSound", alert.sound());
        }
        return data;
    }

    private static void putIfSet(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    /** What an FCM failure means, by the provider's own outcome rules. */
    public static ProviderOutcome outcomeOf(Throwable failure) {
        return FcmProvider.outcomeOf(failure);
    }
}
