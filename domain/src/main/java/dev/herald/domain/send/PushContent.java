package dev.herald.domain.send;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a send says, independent of provider. Stored with the send; rendered per provider at
 * delivery time. Build one with {@link #builder()} (or {@link #toBuilder()} to change one):
 * most fields are optional.
 *
 * @param actions           up to 4 action buttons (never null; empty when there are none)
 * @param expiresAt         when the push stops being worth delivering; exclusive with {@code ttlSeconds}
 * @param interruptionLevel how insistently it may interrupt; critical alerts are always critical
 * @param relevanceScore    0.0–1.0, how the notification summary ranks it
 * @param soundVolume       0.0–1.0, the volume of a critical alert's sound
 * @param mutableContent    whether the app's notification service extension may change it; by
 *                          default when it has an image or action buttons
 */
@Serdeable
public record PushContent(@Nullable String title,
                          @Nullable String body,
                          @Nullable Map<String, Object> data,
                          @Nullable String url,
                          @Nullable String imageUrl,
                          @Nullable String sound,
                          @Nullable Integer badge,
                          @Nullable String category,
                          @Nullable String threadId,
                          @Nullable String collapseId,
                          @Nullable Integer ttlSeconds,
                          @Nullable PushType pushType,
                          @Nullable Priority priority,
                          @Nullable List<PushAction> actions,
                          @Nullable Instant expiresAt,
                          @Nullable InterruptionLevel interruptionLevel,
                          @Nullable Double relevanceScore,
                          @Nullable Double soundVolume,
                          @Nullable Boolean mutableContent) {

    public static final int MAX_ACTIONS = 4;
    /** The sound a critical alert plays when the send names none. */
    public static final String DEFAULT_SOUND = "default";

    @Creator
    public PushContent {
        // a copy that keeps null entries, so validation can name them instead of failing here
        actions = actions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(actions));
    }

    /** The fields every push had before action buttons, expiry and interruption levels. */
    public PushContent(String title, String body, Map<String, Object> data, String url, String imageUrl, String sound,
                       Integer badge, String category, String threadId, String collapseId, Integer ttlSeconds,
                       PushType pushType, Priority priority) {
        this(title, body, data, url, imageUrl, sound, badge, category, threadId, collapseId, ttlSeconds, pushType, priority,
                null, null, null, null, null, null);
    }

    public PushType effectivePushType() {
        return pushType == null ? PushType.ALERT : pushType;
    }

    /** Whether the push shows something (an alert or a critical alert), as opposed to background and VoIP pushes. */
    public boolean visible() {
        PushType type = effectivePushType();
        return type == PushType.ALERT || type == PushType.CRITICAL;
    }

    /**
     * Background pushes are always normal priority (APNs rejects them at priority 10); VoIP
     * pushes and critical alerts always high.
     */
    public Priority effectivePriority() {
        return switch (effectivePushType()) {
            case BACKGROUND -> Priority.NORMAL;
            case VOIP, CRITICAL -> Priority.HIGH;
            case ALERT -> priority == null ? Priority.HIGH : priority;
        };
    }

    /** The interruption level to send: critical for a critical alert, else the one asked for (none by default). */
    public InterruptionLevel effectiveInterruptionLevel() {
        return effectivePushType() == PushType.CRITICAL ? InterruptionLevel.CRITICAL : interruptionLevel;
    }

    public boolean effectiveMutableContent() {
        return mutableContent != null ? mutableContent : visible() && (imageUrl != null || !actions.isEmpty());
    }

    /**
     * The notification category: the one the send names, else, when it has action buttons, one
     * derived from them ({@code herald.<digest>}) that the client SDK registers with those buttons,
     * so the same buttons always make the same category.
     */
    public String effectiveCategory() {
        if (category != null || actions.isEmpty()) {
            return category;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (PushAction action : actions) {
                digest.update((action.id() + "\u0000" + action.title() + "\u0001").getBytes(StandardCharsets.UTF_8));
            }
            return "herald." + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When a push made at {@code now} expires: {@code expiresAt}, else {@code now} plus the TTL or {@code defaultTtl}. */
    public Instant expiration(Instant now, Duration defaultTtl) {
        if (expiresAt != null) {
            return expiresAt;
        }
        return now.plus(ttlSeconds == null ? defaultTtl : Duration.ofSeconds(ttlSeconds));
    }

    /** How long a push service should keep a push made at {@code now} (zero once it has expired). */
    public Duration timeToLive(Instant now, Duration defaultTtl) {
        Duration left = Duration.between(now, expiration(now, defaultTtl));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether a push made at {@code now} is no longer worth sending: its {@code expiresAt} has passed. */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The same push with personalised text, data and link (S5); everything else is kept. */
    public PushContent withMessage(String newTitle, String newBody, Map<String, Object> newData, String newUrl) {
        return toBuilder().title(newTitle).body(newBody).data(newData).url(newUrl).build();
    }

    public static PushContent alert(String title, String body) {
        return builder().title(title).body(body).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().title(title).body(body).data(data).url(url).imageUrl(imageUrl).sound(sound).badge(badge)
                .category(category).threadId(threadId).collapseId(collapseId).ttlSeconds(ttlSeconds).pushType(pushType)
                .priority(priority).actions(actions).expiresAt(expiresAt).interruptionLevel(interruptionLevel)
                .relevanceScore(relevanceScore).soundVolume(soundVolume).mutableContent(mutableContent);
    }

    /** Builds a {@link PushContent}; every field is optional (an alert needs a title or a body to pass validation). */
    public static final class Builder {
        private String title;
        private String body;
        private Map<String, Object> data;
        private String url;
        private String imageUrl;
        private String sound;
        private Integer badge;
        private String category;
        private String threadId;
        private String collapseId;
        private Integer ttlSeconds;
        private PushType pushType;
        private Priority priority;
        private List<PushAction> actions;
        private Instant expiresAt;
        private InterruptionLevel interruptionLevel;
        private Double relevanceScore;
        private Double soundVolume;
        private Boolean mutableContent;

        private Builder() {
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder data(Map<String, Object> data) {
            this.data = data;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Builder sound(String sound) {
            this.sound = sound;
            return this;
        }

        public Builder badge(Integer badge) {
            this.badge = badge;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder threadId(String threadId) {
            this.threadId = threadId;
            return this;
        }

        public Builder collapseId(String collapseId) {
            this.collapseId = collapseId;
            return this;
        }

        public Builder ttlSeconds(Integer ttlSeconds) {
            this.ttlSeconds = ttlSeconds;
            return this;
        }

        public Builder pushType(PushType pushType) {
            this.pushType = pushType;
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public Builder actions(List<PushAction> actions) {
            this.actions = actions;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder interruptionLevel(InterruptionLevel interruptionLevel) {
            this.interruptionLevel = interruptionLevel;
            return this;
        }

        public Builder relevanceScore(Double relevanceScore) {
            this.relevanceScore = relevanceScore;
            return this;
        }

        public Builder soundVolume(Double soundVolume) {
            this.soundVolume = soundVolume;
            return this;
        }

        public Builder mutableContent(Boolean mutableContent) {
            this.mutableContent = mutableContent;
            return this;
        }

        public PushContent build() {
            return new PushContent(title, body, data, url, imageUrl, sound, badge, category, threadId, collapseId, ttlSeconds,
                    pushType, priority, actions, expiresAt, interruptionLevel, relevanceScore, soundVolume, mutableContent);
        }
    }
}
