package dev.herald.domain.segment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A saved audience: a named filter, evaluated whenever a send uses it. */
public record Segment(UUID id, UUID orgId, String name, Map<String, Object> filterJson, Instant createdAt, Instant updatedAt) {
}
