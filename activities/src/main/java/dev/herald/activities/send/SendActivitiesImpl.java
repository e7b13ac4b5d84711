package dev.herald.activities.send;

import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.SendStatus;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.send.SendActivities;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

@Singleton
public class SendActivitiesImpl implements SendActivities {

    private final SendStore sends;
    private final DeliveryLedger ledger;

    public SendActivitiesImpl(SendStore sends, DeliveryLedger ledger) {
        this.sends = sends;
        this.ledger = ledger;
    }

    @Override
    public void markRunning(UUID sendId, Instant at) {
        sends.markRunning(sendId, at);
    }

    @Override
    @Transactional
    public void finish(UUID sendId, String status, String pendingReason, Instant at) {
        ledger.abandonPending(sendId, pendingReason);
        sends.finish(sendId, SendStatus.valueOf(status), at);
    }
}
