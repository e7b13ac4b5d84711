package dev.herald.workflows.send;

import io.temporal.activity.ActivityInterface;

import java.time.Instant;
import java.util.UUID;

/** Delivery of one page of a send's recipients through the providers. */
@ActivityInterface
public interface DeliveryActivities {

    /**
     * Decides per device (deliver, suppress, defer), records a ledger row per device of the
     * page, delivers to those without a settled outcome, and records what the providers
     * answered. Fails (to be retried) while some device got a retryable answer; a retry sends
     * only those.
     */
    BatchResult deliverBatch(DeliveryBatch batch);

    /** Gives up on a page whose retries ran out: its unsettled devices are recorded as failed. */
    BatchResult abandonBatch(DeliveryBatch batch, String reason);

    /** The earliest instant after {@code after} (null: any) that deferred devices of the send wait for; null when none. */
    Instant nextDeferredGroup(UUID sendId, Instant after);
}
