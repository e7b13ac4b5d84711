package dev.herald.api.abtest;

import dev.herald.api.send.SendService;
import dev.herald.api.temporal.LostRuns;
import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import jakarta.inject.Singleton;

/**
 * A/B promotions whose sample had gone out but which had not finished (still waiting to decide,
 * or decided and not yet sent to the held-back users) start {@code ab-promote-<id>} again: it
 * waits and checks from when the sample finished, and makes or resumes the sample's one
 * follow-up send. Promotions whose sample had not gone out start with their send.
 */
@Singleton
public class LostPromotions implements LostRuns {


    private final SendStore sends;
    private final DeliveryLedger ledger;
    private final SendService service;

    public LostPromotions(SendStore sends, DeliveryLedger ledger, SendService service) {
        this.sends = sends;
        this.ledger = ledger;
        this.service = service;
    }

    @Override
    public String kind() {
        return "A/B promotions";
    }

    @Override
    public int restart() {
        return LostRuns.restartEach(sends.samplesAwaitingPromotion(), sample ->
                service.restartPromotion(sample, ledger.counts(sample.id()).getOrDefault(DeliveryStatus.ACCEPTED, 0L)));
    }
}
