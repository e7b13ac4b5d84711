package dev.herald.domain.send;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * One ledger row: a send to one device and what became of it; for an A/B send the variant it
 * carried, and the first open and click (with the action button clicked) open tracking recorded.
 */
public record Delivery(UUID sendId,
                       UUID deviceId,
                       UUID appId,
                       UUID userId,
                       @Nullable String externalUserId,
                       String provider,
                       String channel,
                       DeliveryStatus status,
                       @Nullable String reason,
                       @Nullable String providerMessageId,
                       @Nullable Integer providerStatus,
                       int attempts,
                       Instant createdAt,
                       @Nullable Instant sentAt,
                       Instant updatedAt,
                       @Nullable UUID abTestId,
                       @Nullable String variant,
                       @Nullable Instant openedAt,
                       @Nullable Instant clickedAt,
                       @Nullable String clickedAction) {
}
