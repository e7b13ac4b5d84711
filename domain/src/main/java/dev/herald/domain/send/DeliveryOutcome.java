package dev.herald.domain.send;

import java.util.UUID;

/** What a provider said about one device, as the ledger records it. */
public record DeliveryOutcome(RecipientDevice device,
                              String channel,
                              DeliveryStatus status,
                              String reason,
                              String providerMessageId,
                              Integer providerStatus) {

    public UUID deviceId() {
        return device.deviceId();
    }
}
