package dev.herald.api.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

public final class UserRequests {

    private UserRequests() {
    }

    /** Fields to merge into the user; omitted fields stay as they are, a tag set to "" is removed. */
    @Serdeable
    public record UpsertUser(@Nullable @Size(max = 35) String locale,
                             @Nullable @Size(max = 64) String timezone,
                             @Nullable @Size(max = 2) String country,
                             @Nullable Map<String, String> tags,
                             @Nullable Instant lastSessionAt) {
    }

    @Serdeable
    public record WebPushKeys(@Nullable String p256dh, @Nullable String auth) {
    }

    /**
     * A device registration. {@code token} is the APNs/FCM token, the OneSignal subscription id,
     * or for Web Push the subscription endpoint (with {@code keys}).
     */
    @Serdeable
    public record RegisterDevice(@Nullable String appId,
                                 @NotBlank String provider,
                                 @NotBlank @Size(max = 4096) String token,
                                 @Nullable WebPushKeys keys,
                                 @Nullable @Size(max = 32) String platform,
                                 @Nullable @Size(max = 35) String locale,
                                 @Nullable @Size(max = 64) String timezone,
                                 @Nullable @Size(max = 64) String appVersion) {
    }

    @Serdeable
    public record CreateSession(@Nullable String appId,
                                @Nullable @Min(60) @Max(2_592_000) Integer ttlSeconds) {
    }
}
