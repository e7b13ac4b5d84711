package dev.herald.domain.tenancy;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends CrudRepository<ApiKey, UUID> {

    Optional<ApiKey> findByIdAndOrgId(UUID id, UUID orgId);

    List<ApiKey> findByOrgIdOrderByCreatedAt(UUID orgId);

    void updateRevokedAt(@io.micronaut.data.annotation.Id UUID id, Instant revokedAt);
}
