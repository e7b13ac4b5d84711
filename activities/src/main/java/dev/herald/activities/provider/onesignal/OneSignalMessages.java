package dev.herald.activities.provider.onesignal;

import dev.herald.activities.provider.PushPayloads;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of OneSignal's create-notification request for one subscription: its published
 * REST shape, with an idempotency key per (send, device) so a retried request is not a second push.
 */
public final class OneSignalMessages {

    public static final String APP_ID = "oneSignalAppId";

    private OneSignalMessages() {
    }

    /** @param oneSignalAppId the OneSignal app's id; null (left out) in a capture, which has no OneSignal credential */
    public static Map<String, Object> body(String oneSignalAppId, String subscriptionId, PushContent content, UUID sendId, UUID deviceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfSet(body, "app_id", oneSignalAppId);
        body.put("include_subscription_ids", List.of(subscriptionId));
        body.put("target_channel", "push");
        body.put("idempotency_key", UUID.nameUUIDFromBytes((sendId + "/" + deviceId).getBytes(StandardCharsets.UTF_8)).toString());
        if (content.effectivePushType() == PushType.BACKGROUND) {
            body.put("content_available", true);
        } else {
            if (content.title() != null) {
                body.put("headings", Map.of("en", content.title()));
            }
            body.put("contents", Map.of("en", content.body() != null ? content.body() : content.title()));
            putIfSet(body, "url", content.url());
            putIfSet(body, "big_picture", content.imageUrl());
            if (content.imageUrl() != null) {
                body.put("ios_attachments", Map.of("image", content.imageUrl()));
            }
            if (!content.actions().isEmpty()) {
                // OneSignal draws these itself; their urls (and the buttons again) travel in data.herald for the app
                body.put("buttons", content.actions().stream()
                        .map(action -> Map.of("id", action.id(), "text", action.title())).toList());
            }
            putIfSet(body, "ios_sound", content.sound());
            putIfSet(body, "thread_id", content.threadId());
            if (content.badge() != null) {
                body.put("ios_badgeType", "SetTo");
                body.put("ios_badgeCount", content.badge());
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (content.data() != null) {
            data.putAll(content.data());
        }
        data.put("herald", PushPayloads.heraldProperties(content, sendId));
        body.put("data", data);
        putIfSet(body, "collapse_id", content.collapseId());
        putIfSet(body, "ttl", content.expiresAt() != null
                ? Integer.valueOf((int) content.timeToLive(Instant.now(), Duration.ZERO).toSeconds()) : content.ttlSeconds());
        body.put("priority", content.effectivePriority() == Priority.HIGH ? 10 : 5);
        return body;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
