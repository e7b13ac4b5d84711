package dev.herald.api.user;

import dev.herald.domain.user.Device;
import dev.herald.domain.user.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public final class UserViews {

    private UserViews() {
    }

    @Serdeable
    public record UserView(String id, @Nullable String locale, @Nullable String timezone, @Nullable String country,
                           Map<String, String> tags, @Nullable Instant lastSessionAt, Instant createdAt, Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.externalId(), u.locale(), u.timezone(), u.country(), u.tags(), u.lastSessionAt(),
                    u.createdAt(), u.updatedAt());
        }
    }

    @Serdeable
    public record DeviceView(UUID id, UUID appId, String userId, String provider, String token, @Nullable String platform,
                             @Nullable String locale, @Nullable String timezone, @Nullable String appVersion,
                             boolean enabled, @Nullable String disabledReason, Instant createdAt, Instant updatedAt) {
        static DeviceView of(Device d, String externalUserId) {
            return new DeviceView(d.id(), d.appId(), externalUserId, d.provider().name(), d.token(), d.platform(), d.locale(),
                    d.timezone(), d.appVersion(), d.enabled(), d.disabledReason(), d.createdAt(), d.updatedAt());
        }
    }

    @Serdeable
    public record SessionView(String token, Instant expiresAt, String userId, UUID appId) {
    }
}
