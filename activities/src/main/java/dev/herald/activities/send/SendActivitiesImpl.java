package dev.herald.activities.send;

import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.SendStatus;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.send.SendActivities;
import dev.herald.workflows.send.SendStart;
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
    public SendStart start(UUID sendId, Instant at) {
        long targeted = sends.start(sendId, at);
        return new SendStart(targeted, sends.getById(sendId).ratePerSecond());
    }

    @Override
    public void markPaused(UUID sendId, boolean paused) {
        sends.markPaused(sendId, paused);
    }

    @Override
    @Transactional
    public void finish(UUID sendId, String status, String pendingReason, Instant at) {
        ledger.abandonPending(sendId, pendingReason);
        sends.finish(sendId, SendStatus.valueOf(status), at);
    }
}
