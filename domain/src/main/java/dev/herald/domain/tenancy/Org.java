package dev.herald.domain.tenancy;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("orgs")
public record Org(@Id UUID id, String name, Instant createdAt) {
}
