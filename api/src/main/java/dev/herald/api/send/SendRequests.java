package dev.herald.api.send;

import dev.herald.domain.send.PushAction;
import dev.herald.domain.template.MessageContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public final class SendRequests {

    public static final int MAX_USER_IDS = 10_000;
    public static final int MAX_TOKENS = 10_000;
    public static final int MAX_CSV_ROWS = 100_000;

    private SendRequests() {
    }

    /**
     * A send to exactly one target: {@code userIds}, an {@code audience} (a saved segment or an
     * inline filter), raw device {@code tokens}, or (as multipart) a CSV file of user ids.
     * {@code pushType} is {@code alert} (default) or {@code background}; {@code priority} is
     * {@code high} (default) or {@code normal}; {@code scheduledFor} delays the send;
     * {@code deliverAtLocalTime} ({@code HH:mm}) delivers to each recipient at that time in
     * their timezone; {@code ratePerSecond} paces delivery. {@code transactional} sends bypass
     * quiet hours and frequency caps; {@code templateId} (or the send's own text) with
     * {@code variables} and {@code localized} text per locale is personalised per recipient;
     * {@code abTestId} gives each user their sticky variant (S5). {@code pushType} may also be
     * {@code critical} (a critical alert: {@code sound} plays at {@code soundVolume} through the
     * mute switch) or {@code voip} (to PushKit tokens only). Alerts take up to 4 {@code actions}
     * (id, title, optional url), an {@code interruptionLevel} ({@code passive}, {@code active},
     * {@code time-sensitive}), a {@code relevanceScore} and {@code mutableContent}; {@code expiresAt}
     * (instead of {@code ttlSeconds}) is when the push stops being worth delivering. {@code event}
 * holds the values {@code {{event.*}}} placeholders read (e.g. {@code {"total": 3}} fills
 * {@code {{event.total}}}), as the event that triggers an automation's push would.
     */
    @Serdeable
    public record CreateSend(@Nullable @Size(max = MAX_USER_IDS) List<@NotBlank @Size(max = 256) String> userIds,
                             @Nullable Audience audience,
                             @Nullable @Size(max = MAX_TOKENS) List<@NotBlank @Size(max = 4096) String> tokens,
                             @Nullable @Size(max = 512) String title,
                             @Nullable @Size(max = 4000) String body,
                             @Nullable Map<String, Object> data,
                             @Nullable @Size(max = 2048) String url,
                             @Nullable @Size(max = 2048) String imageUrl,
                             @Nullable @Size(max = 256) String sound,
                             @Nullable @Min(0) @Max(1_000_000) Integer badge,
                             @Nullable @Size(max = 256) String category,
                             @Nullable @Size(max = 256) String threadId,
                             @Nullable String collapseId,
                             @Nullable @Min(0) @Max(2_419_200) Integer ttlSeconds,
                             @Nullable String pushType,
                             @Nullable String priority,
                             @Nullable Instant scheduledFor,
                             @Nullable String deliverAtLocalTime,
                             @Nullable @Min(1) @Max(1_000_000) Integer ratePerSecond,
                             @Nullable Boolean transactional,
                             @Nullable String templateId,
                             @Nullable Map<String, Object> variables,
                             @Nullable Map<String, MessageContent.LocalizedText> localized,
                             @Nullable String abTestId,
                             @Nullable List<PushAction> actions,
                             @Nullable Instant expiresAt,
                             @Nullable String interruptionLevel,
                             @Nullable Double relevanceScore,
                             @Nullable Double soundVolume,
                             @Nullable Boolean mutableContent,
                             @Nullable Map<String, Object> event) {
    }

    /** An audience: a saved segment's id, or an inline filter (see Segments). */
    @Serdeable
    public record Audience(@Nullable String segmentId, @Nullable Map<String, Object> filter) {
    }
}
