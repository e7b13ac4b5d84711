package dev.herald.domain.tenancy;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppRepository extends CrudRepository<App, UUID> {

    Optional<App> findByIdAndOrgId(UUID id, UUID orgId);

    List<App> findByOrgIdOrderByCreatedAt(UUID orgId);

    boolean existsByOrgIdAndName(UUID orgId, String name);
}
