package dev.herald.domain.template;

import java.time.Instant;
import java.util.UUID;

/** Reusable message content of an org, referenced by sends, A/B test variants and automation steps. */
public record Template(UUID id, UUID orgId, String name, MessageContent content, Instant createdAt, Instant updatedAt) {
}
