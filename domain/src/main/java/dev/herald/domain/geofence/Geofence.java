package dev.herald.domain.geofence;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A circular region clients arm; crossing it becomes a {@code geofence.*} event. */
public record Geofence(UUID id,
                       UUID orgId,
                       String name,
                       double latitude,
                       double longitude,
                       int radiusMeters,
                       Set<GeofenceTrigger> triggers,
                       @Nullable Integer dwellMinutes,
                       int priority,
                       boolean enabled,
                       Instant createdAt,
                       Instant updatedAt) {
}
