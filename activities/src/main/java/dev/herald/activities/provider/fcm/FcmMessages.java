package dev.herald.activities.provider.fcm;

import com.google.api.client.json.gson.GsonFactory;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import dev.herald.activities.provider.PushPayloads;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a send's content into the FCM HTTP v1 message for one registration token: a
 * notification (or none, for background pushes), string data, Android priority, TTL and
 * collapse key.
 */
public final class FcmMessages {

    static final Duration DEFAULT_TTL = Duration.ofDays(1);

    private FcmMessages() {
    }

    public static Message message(String token, PushContent content, UUID sendId) {
        Message.Builder message = Message.builder().setToken(token).putAllData(data(content, sendId));
        boolean background = content.effectivePushType() == PushType.BACKGROUND;
        AndroidConfig.Builder android = AndroidConfig.builder()
                .setPriority(content.effectivePriority() == Priority.HIGH ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL)
                .setTtl(content.timeToLive(Instant.now(), DEFAULT_TTL).toMillis())
                // one collapse key per send, so an unavoidable duplicate replaces the first on the device
                .setCollapseKey(content.collapseId() != null ? content.collapseId() : sendId.toString());
        if (!background) {
            message.setNotification(Notification.builder()
                    .setTitle(content.title()).setBody(content.body()).setImage(content.imageUrl()).build());
            AndroidNotification.Builder notification = AndroidNotification.builder()
                    .setSound(content.sound())
                    .setClickAction(content.category())
                    .setTag(content.threadId());
            if (content.badge() != null) {
                notification.setNotificationCount(content.badge());
            }
            android.setNotification(notification.build());
        }
        return message.setAndroidConfig(android.build()).build();
    }

    /** FCM data values are strings: strings go as they are, anything else as JSON. */
    static Map<String, String> data(PushContent content, UUID sendId) {
        Map<String, String> data = new LinkedHashMap<>();
        if (content.data() != null) {
            content.data().forEach((key, value) -> data.put(key, value instanceof String s ? s : PushPayloads.json(value)));
        }
        data.put("herald", PushPayloads.json(PushPayloads.heraldProperties(content, sendId)));
        return data;
    }

    /** The message as JSON, the way the Admin SDK puts it on the wire (for size checks and captures). */
    public static String json(Message message) {
        try {
            return GsonFactory.getDefaultInstance().toString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
