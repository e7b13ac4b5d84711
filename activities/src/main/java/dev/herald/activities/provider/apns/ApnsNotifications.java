package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.herald.activities.provider.PushPayloads;
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
                builder.setSound(content.sound());
                builder.setBadgeNumber(content.badge());
                builder.setCategoryName(content.category());
                builder.setThreadId(content.threadId());
                builder.setMutableContent(content.imageUrl() != null);
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
        Duration ttl = content.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(content.ttlSeconds());
        // every attempt of one send shares a collapse id, so an unavoidable duplicate collapses on the device
        String collapseId = content.collapseId() != null ? content.collapseId() : sendId.toString();
        return new SimpleApnsPushNotification(token, topic, payload(content, sendId), now.plus(ttl), priority, pushType,
                collapseId, apnsId(sendId, deviceId));
    }

    /** The HTTP/2 headers APNs would receive for a notification, as the capture provider records them. */
    public static Map<String, Object> headers(SimpleApnsPushNotification n) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("apns-topic", n.getTopic());
        headers.put("apns-push-type", n.getPushType().getHeaderValue());
        headers.put("apns-priority", n.getPriority().getCode());
        headers.put("apns-expiration", n.getExpiration().getEpochSecond());
        headers.put("apns-collapse-id", n.getCollapseId());
        headers.put("apns-id", n.getApnsId().toString());
        return headers;
    }
}
