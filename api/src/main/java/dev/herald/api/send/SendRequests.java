package dev.herald.api.send;

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

    private SendRequests() {
    }

    /**
     * A send to users by their ids. {@code pushType} is {@code alert} (default) or
     * {@code background}; {@code priority} is {@code high} (default) or {@code normal};
     * {@code scheduledFor} delays the send.
     */
    @Serdeable
    public record CreateSend(@Nullable @Size(max = 10_000) List<@NotBlank @Size(max = 256) String> userIds,
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
                             @Nullable Instant scheduledFor) {
    }
}
