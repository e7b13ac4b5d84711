package dev.herald.domain.send;

import java.util.UUID;

/** What a provider said about one device, as the ledger records it. */
public record DeliveryOutcome(UUID deviceId,
                              String channel,
                              DeliveryStatus status,
                              String reason,
                              String providerMessageId,
                              Integer providerStatus) {
}
