package dev.herald.activities.send;

import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushDispatcher;
import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.DeliveryOutcome;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import dev.herald.domain.user.DeviceStore;
import dev.herald.workflows.send.BatchResult;
import dev.herald.workflows.send.DeliveryActivities;
import dev.herald.workflows.send.DeliveryBatch;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

@Singleton
public class DeliveryActivitiesImpl implements DeliveryActivities {

    private final SendStore sends;
    private final DeliveryLedger ledger;
    private final DeviceStore devices;
    private final PushDispatcher dispatcher;

    public DeliveryActivitiesImpl(SendStore sends, DeliveryLedger ledger, DeviceStore devices, PushDispatcher dispatcher) {
        this.sends = sends;
        this.ledger = ledger;
        this.devices = devices;
        this.dispatcher = dispatcher;
    }

    @Override
    public BatchResult deliverBatch(DeliveryBatch batch) {
        Send send = sends.getById(batch.sendId());
        List<RecipientDevice> page = ledger.recipientPage(batch.sendId(), batch.afterDeviceId(), batch.limit());
        if (page.isEmpty()) {
            return BatchResult.empty(batch.afterDeviceId());
        }
        ledger.recordPending(send.id(), send.orgId(), page);
        Set<UUID> unsettled = ledger.unsettled(send.id(), ids(page));
        List<RecipientDevice> toSend = page.stream().filter(d -> unsettled.contains(d.deviceId())).toList();

        var delivered = dispatcher.deliver(send.orgId(), send.id(), send.content(), toSend,
                () -> Activity.getExecutionContext().heartbeat(batch.afterDeviceId()));
        ledger.record(send.id(), delivered.stream().map(d -> toLedger(d.device(), d.outcome())).toList());
        delivered.stream().filter(d -> d.outcome().tokenInvalid())
                .forEach(d -> devices.disable(d.device().deviceId(), d.outcome().reason()));

        List<ProviderOutcome> retryable = delivered.stream().map(PushDispatcher.Delivered::outcome)
                .filter(o -> o.result() == ProviderOutcome.Result.RETRY).toList();
        if (!retryable.isEmpty()) {
            // the retry re-reads the page and sends only the devices still pending
            Duration pause = retryable.stream().map(ProviderOutcome::retryAfter).filter(Objects::nonNull)
                    .max(Duration::compareTo).orElse(null);
            throw ApplicationFailure.newBuilder()
                    .setType("RetryableDelivery")
                    .setMessage(retryable.size() + " of " + toSend.size() + " devices got a retryable answer, e.g. " + retryable.get(0).reason())
                    .setNextRetryDelay(pause)
                    .build();
        }
        return resultOf(send.id(), page, batch.limit());
    }

    @Override
    public BatchResult abandonBatch(DeliveryBatch batch, String reason) {
        List<RecipientDevice> page = ledger.recipientPage(batch.sendId(), batch.afterDeviceId(), batch.limit());
        if (page.isEmpty()) {
            return BatchResult.empty(batch.afterDeviceId());
        }
        ledger.abandonPending(batch.sendId(), ids(page), reason);
        return resultOf(batch.sendId(), page, batch.limit());
    }

    private BatchResult resultOf(UUID sendId, List<RecipientDevice> page, int limit) {
        Map<DeliveryStatus, Long> counts = ledger.countsAmong(sendId, ids(page));
        return new BatchResult(page.get(page.size() - 1).deviceId(), page.size(),
                counts.get(DeliveryStatus.ACCEPTED).intValue(), counts.get(DeliveryStatus.FAILED).intValue(),
                counts.get(DeliveryStatus.SUPPRESSED).intValue(), page.size() < limit);
    }

    private static DeliveryOutcome toLedger(RecipientDevice device, ProviderOutcome outcome) {
        DeliveryStatus status = switch (outcome.result()) {
            case ACCEPTED -> DeliveryStatus.ACCEPTED;
            case FAILED -> DeliveryStatus.FAILED;
            case RETRY -> DeliveryStatus.PENDING;
        };
        return new DeliveryOutcome(device.deviceId(), outcome.channel(), status, outcome.reason(), outcome.messageId(),
                outcome.providerStatus());
    }

    private static List<UUID> ids(List<RecipientDevice> page) {
        return page.stream().map(RecipientDevice::deviceId).toList();
    }
}
