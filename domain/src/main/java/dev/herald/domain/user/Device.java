package dev.herald.domain.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A push subscription: one token of one app, owned by one user. */
@MappedEntity("devices")
public record Device(@Id UUID id,
                     UUID orgId,
                     UUID appId,
                     UUID userId,
                     DeviceProvider provider,
                     String token,
                     @Nullable String webPushP256dh,
                     @Nullable String webPushAuth,
                     @Nullable String platform,
                     @Nullable String locale,
                     @Nullable String timezone,
                     @Nullable String appVersion,
                     boolean enabled,
                     @Nullable Instant disabledAt,
                     @Nullable String disabledReason,
                     Instant createdAt,
                     Instant updatedAt) {
}
