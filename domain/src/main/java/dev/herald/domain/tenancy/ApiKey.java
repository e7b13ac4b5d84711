package dev.herald.domain.tenancy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A server API key; {@code scopes} is a comma-separated list of {@link Scope} names. */
@MappedEntity("api_keys")
public record ApiKey(@Id UUID id,
                     UUID orgId,
                     String name,
                     String secretHash,
                     String scopes,
                     Instant createdAt,
                     @Nullable Instant revokedAt) {

    public Set<Scope> scopeSet() {
        EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
        Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Scope::valueOf).forEach(set::add);
        return set;
    }

    public static String joinScopes(Set<Scope> scopes) {
        return scopes.stream().map(Scope::name).sorted().collect(Collectors.joining(","));
    }
}
