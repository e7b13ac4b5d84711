package dev.herald.activities.provider.webpush;

import dev.herald.activities.provider.PushPayloads;
import dev.herald.domain.send.Priority;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.PushType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a browser's service worker receives: a JSON object with the notification's title,
 * body, image, tag and data, Herald's own properties, and the push's TTL, Urgency and Topic.
 */
public final class WebPushMessages {

    static final Duration DEFAULT_TTL = Duration.ofDays(1);
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private WebPushMessages() {
    }

    public static Map<String, Object> payload(PushContent content, UUID sendId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (content.effectivePushType() != PushType.BACKGROUND) {
            putIfSet(payload, "title", content.title());
            putIfSet(payload, "body", content.body());
            putIfSet(payload, "image", content.imageUrl());
            putIfSet(payload, "tag", content.threadId());
        }
        if (content.data() != null) {
            payload.put("data", content.data());
        }
        payload.put("herald", PushPayloads.heraldProperties(content, sendId));
        return payload;
    }

    public static byte[] payloadBytes(PushContent content, UUID sendId) {
        return PushPayloads.json(payload(content, sendId)).getBytes(StandardCharsets.UTF_8);
    }

    public static int ttlSeconds(PushContent content) {
        return (int) content.timeToLive(Instant.now(), DEFAULT_TTL).toSeconds();
    }

    /** RFC 8030 urgency: background pushes may wait for the device, alerts go at once unless normal. */
    public static String urgency(PushContent content) {
        if (content.effectivePushType() == PushType.BACKGROUND) {
            return "low";
        }
        return content.effectivePriority() == Priority.HIGH ? "high" : "normal";
    }

    /**
     * RFC 8030 topic (at most 32 base64url characters): the collapse id when it fits, else a
     * digest of it; the send id by default, so a duplicate replaces the first.
     */
    public static String topic(PushContent content, UUID sendId) {
        String wanted = content.collapseId() != null ? content.collapseId() : sendId.toString().replace("-", "");
        if (TOPIC.matcher(wanted).matches()) {
            return wanted;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wanted.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
