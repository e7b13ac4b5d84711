package dev.herald.domain.send;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * What a send says, independent of provider. Stored with the send; rendered per provider at
 * delivery time.
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
                          @Nullable Priority priority) {

    public PushType effectivePushType() {
        return pushType == null ? PushType.ALERT : pushType;
    }

    /** Background pushes are always normal priority: APNs rejects them at priority 10. */
    public Priority effectivePriority() {
        if (effectivePushType() == PushType.BACKGROUND) {
            return Priority.NORMAL;
        }
        return priority == null ? Priority.HIGH : priority;
    }

    public static PushContent alert(String title, String body) {
        return new PushContent(title, body, null, null, null, null, null, null, null, null, null, null, null);
    }
}
