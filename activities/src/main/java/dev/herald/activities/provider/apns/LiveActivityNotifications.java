package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.LiveActivityEvent;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.herald.domain.liveactivity.LiveActivityAlert;
import dev.herald.domain.liveactivity.StateUpdate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The APNs request for an ActivityKit push: push type {@code liveactivity}, topic
 * {@code <bundle>.push-type.liveactivity}, and an {@code aps} dictionary with the event,
 * timestamp, content state and, for a push-to-start, the attributes type and attributes.
 */
public final class LiveActivityNotifications {

    /** How long APNs keeps a start or update for an offline device when it has no stale date. */
    static final Duration UPDATE_TTL = Duration.ofHours(1);
    /** An end push is worth delivering as long as the activity could still be on screen. */
    static final Duration END_TTL = Duration.ofHours(8);

    public enum Event { START, UPDATE, END }

    private LiveActivityNotifications() {
    }

    public static String topic(String bundleId) {
        return bundleId + ".push-type.liveactivity";
    }

    /**
     * @param attributesType the ActivityAttributes type, sent with START only
     * @param attributes     its static attributes, sent with START only
     */
    public static String payload(Event event, StateUpdate update, Instant dismissalDate, String attributesType,
                                 Map<String, Object> attributes) {
        SimpleApnsPayloadBuilder builder = new SimpleApnsPayloadBuilder();
        builder.setEvent(switch (event) {
            case START -> LiveActivityEvent.START;
            case UPDATE -> LiveActivityEvent.UPDATE;
            case END -> LiveActivityEvent.END;
        });
        builder.setTimestamp(update.timestamp());
        builder.setContentState(update.contentState());
        builder.setStaleDate(update.staleDate());
        builder.setRelevanceScore(update.relevanceScore());
        if (event == Event.END) {
            builder.setDismissalDate(dismissalDate);
        }
        if (event == Event.START) {
            builder.setAttributesType(attributesType);
            builder.setAttributes(attributes);
        }
        LiveActivityAlert alert = update.alert();
        if (alert != null) {
            builder.setAlertTitle(alert.title());
            builder.setAlertBody(alert.body());
            builder.setSound(alert.sound());
        }
        return builder.build();
    }

    /** The same apns-id for every attempt at one push of one activity. */
    public static UUID apnsId(UUID activityId, int sequence) {
        return UUID.nameUUIDFromBytes(("live-activity/" + activityId + "/" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    public static SimpleApnsPushNotification notification(String token, String bundleId, Event event, StateUpdate update,
                                                          Instant dismissalDate, String attributesType,
                                                          Map<String, Object> attributes, UUID apnsId, Instant now) {
        DeliveryPriority priority = event == Event.UPDATE && update.effectivePriority() < StateUpdate.HIGH_PRIORITY
                ? DeliveryPriority.CONSERVE_POWER : DeliveryPriority.IMMEDIATE;
        Instant expiration = event == Event.END ? now.plus(END_TTL)
                : update.staleDate() != null && update.staleDate().isAfter(now) ? update.staleDate() : now.plus(UPDATE_TTL);
        return new SimpleApnsPushNotification(token, topic(bundleId),
                payload(event, update, dismissalDate, attributesType, attributes),
                expiration, priority, PushType.LIVE_ACTIVITY, null, apnsId);
    }
}
