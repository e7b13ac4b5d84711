package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.herald.activities.provider.PushPayloads;
import dev.herald.domain.send.InterruptionLevel;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.user.DeviceProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a send's content into the APNs request for one device: payload JSON, push type,
 * priority, topic, expiration, collapse id and a per (send, device) apns-id.
 */
public final class ApnsNotifications {

    /** How long APNs keeps trying an offline device when the send sets no time-to-live. */
    static final Duration DEFAULT_TTL = Duration.ofDays(1);

    private ApnsNotifications() {
    }

    public static String payload(PushContent content, UUID sendId) {
        SimpleApnsPayloadBuilder builder = new SimpleApnsPayloadBuilder();
        switch (content.effectivePushType()) {
            case BACKGROUND -> builder.setContentAvailable(true);
            case ALERT, CRITICAL -> {
                builder.setAlertTitle(content.title());
                builder.setAlertBody(content.body());
                if (content.effectivePushType() == dev.herald.domain.send.PushType.CRITICAL) {
                    // a critical alert's sound is a dictionary: {"critical": 1, "name": …, "volume": …}
                    builder.setSound(content.sound() == null ? PushContent.DEFAULT_SOUND : content.sound(), true,
                            content.soundVolume() == null ? 1.0 : content.soundVolume());
                } else {
                    builder.setSound(content.sound());
                }
                builder.setBadgeNumber(content.badge());
                // with action buttons and no category of its own, the category the client SDK registers for those buttons
                builder.setCategoryName(content.effectiveCategory());
                builder.setThreadId(content.threadId());
                builder.setMutableContent(content.effectiveMutableContent());
                InterruptionLevel level = content.effectiveInterruptionLevel();
                if (level != null) {
                    builder.setInterruptionLevel(com.eatthepath.pushy.apns.util.InterruptionLevel.valueOf(level.name()));
                }
                builder.setRelevanceScore(content.relevanceScore());
            }
            case VOIP -> {
                // PushKit hands the whole payload to the app, which reports the call itself
            }
        }
        if (content.data() != null) {
            content.data().forEach(builder::addCustomProperty);
        }
        builder.addCustomProperty("herald", PushPayloads.heraldProperties(content, sendId));
        return builder.build();
    }

    public static String topic(String bundleId, DeviceProvider provider) {
        return provider == DeviceProvider.APNS_VOIP ? bundleId + ".voip" : bundleId;
    }

    /**
     * The same apns-id for every attempt at one device within one send, so a retried request
     * is recognisably the same notification.
     */
    public static UUID apnsId(UUID sendId, UUID deviceId) {
        return UUID.nameUUIDFromBytes((sendId + "/" + deviceId).getBytes(StandardCharsets.UTF_8));
    }

    public static SimpleApnsPushNotification notification(String token, String topic, DeviceProvider provider,
                                                          PushContent content, UUID sendId, UUID deviceId, Instant now) {
        return notification(token, topic, provider, content, payload(content, sendId), sendId, deviceId, now);
    }

    /** The request with a payload built before, {@link #payload} of the same content and send. */
    public static SimpleApnsPushNotification notification(String token, String topic, DeviceProvider provider, PushContent content,
                                                          String payload, UUID sendId, UUID deviceId, Instant now) {
        PushType pushType;
        DeliveryPriority priority;
        if (provider == DeviceProvider.APNS_VOIP) {
            pushType = PushType.VOIP;
            priority = DeliveryPriority.IMMEDIATE;
        } else {
            pushType = switch (content.effectivePushType()) {
                case ALERT, CRITICAL -> PushType.ALERT;
                case BACKGROUND -> PushType.BACKGROUND;
                case VOIP -> PushType.VOIP;
            };
            priority = content.effectivePriority() == Priority.HIGH ? DeliveryPriority.IMMEDIATE : DeliveryPriority.CONSERVE_POWER;
        }
        // every attempt of one send shares a collapse id, so an unavoidable duplicate collapses on the device
        String collapseId = content.collapseId() != null ? content.collapseId() : sendId.toString();
        return new SimpleApnsPushNotification(token, topic, payload, content.expiration(now, DEFAULT_TTL),
                priority, pushType, collapseId, apnsId(sendId, deviceId));
    }

    /** The HTTP/2 headers APNs would receive for a notification, as the capture provider records them. */
    public static Map<String, Object> headers(SimpleApnsPushNotification n) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("apns-topic", n.getTopic());
        headers.put("apns-push-type", n.getPushType().getHeaderValue());
        headers.put("apns-priority", n.getPriority().getCode());
        headers.put("apns-expiration", n.getExpiration().getEpochSecond());
        if (n.getCollapseId() != null) {
            headers.put("apns-collapse-id", n.getCollapseId());
        }
        headers.put("apns-id", n.getApnsId().toString());
        return headers;
    }
}
