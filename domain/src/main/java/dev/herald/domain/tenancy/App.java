package dev.herald.domain.tenancy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * An app of an org (e.g. {@code ios-prod}). Its JWT secret signs and verifies client session
 * tokens (HS256); a JWKS URL lets the customer's own identity provider sign them instead.
 */
@MappedEntity("apps")
public record App(@Id UUID id,
                  UUID orgId,
                  String name,
                  String jwtSecretSealed,
                  @Nullable String jwksUrl,
                  String defaultTimezone,
                  Instant createdAt) {
}
