package dev.herald.domain.automation;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** An automation: its key, status and which version new runs use. */
public record Automation(UUID id, UUID orgId, String key, String name, AutomationStatus status, int currentVersion,
                         @Nullable String triggerEvent, Instant createdAt, Instant updatedAt) {
}
