package dev.herald.domain.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A user of an org, addressed by the customer's own id ({@code externalId}). */
@MappedEntity("users")
public record User(@Id UUID id,
                   UUID orgId,
                   String externalId,
                   @Nullable String locale,
                   @Nullable String timezone,
                   @Nullable String country,
                   @TypeDef(type = DataType.JSON) Map<String, String> tags,
                   @Nullable Instant lastSessionAt,
                   Instant createdAt,
                   Instant updatedAt) {
}
