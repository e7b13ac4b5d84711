package dev.herald.activities.send;

import dev.herald.activities.provider.ProviderOutcome;
import dev.herald.activities.provider.PushDispatcher;
import dev.herald.activities.provider.TokenInvalidation;
import dev.herald.domain.send.DeliveryDecision;
import dev.herald.domain.send.DeliveryLedger;
import dev.herald.domain.send.DeliveryOutcome;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.RecipientDevice;
import dev.herald.domain.send.Recipients;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.send.BatchResult;
import dev.herald.workflows.send.DeliveryActivities;
import dev.herald.workflows.send.DeliveryBatch;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Delivers one page: reads it, lets {@link RecipientPolicies} decide per device, records the
 * decisions in the ledger (a retried page keeps its first decisions), sends to the devices
 * still pending, and records the answers. The ledger is what makes a retry exactly-once.
 */
@Singleton
public class DeliveryActivitiesImpl implements DeliveryActivities {

    private final SendStore sends;
    private final Recipients recipients;
    private final DeliveryLedger ledger;
    private final TokenInvalidation invalidation;
    private final RecipientPolicies policies;
    private final PushDispatcher dispatcher;

    public DeliveryActivitiesImpl(SendStore sends, Recipients recipients, DeliveryLedger ledger, TokenInvalidation invalidation,
                                  RecipientPolicies policies, PushDispatcher dispatcher) {
        this.sends = sends;
        this.recipients = recipients;
        this.ledger = ledger;
        this.invalidation = invalidation;
        this.policies = policies;
        this.dispatcher = dispatcher;
    }

    @Override
    public BatchResult deliverBatch(DeliveryBatch batch) {
        Send send = sends.getById(batch.sendId());
        List<RecipientDevice> page = pageOf(send, batch);
        if (page.isEmpty()) {
            return BatchResult.empty(batch.afterDeviceId());
        }
        // Temporal's clock, the one the workflow's timers run on, so a deferral and its timer agree
        Instant now = Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp());
        Map<UUID, DeliveryDecision> decisions = policies.decide(send, page, batch.dueAt(), now);
        List<DeliveryLedger.Planned> planned = page.stream().map(d -> plan(d, decisions.get(d.deviceId()), batch.dueAt())).toList();
        if (batch.dueAt() == null) {
            ledger.record(send.id(), send.orgId(), planned);
        } else {
            ledger.replanDeferred(send.id(), planned);
        }
        policies.recordVariants(send, page);
        Set<UUID> unsettled = ledger.unsettled(send.id(), ids(page));
        Map<PushContent, List<RecipientDevice>> byContent = new LinkedHashMap<>();
        for (RecipientDevice device : page) {
            // the ledger decides who is still owed the push; the policies only which content it carries
            if (unsettled.contains(device.deviceId())) {
                PushContent content = decisions.get(device.deviceId()) instanceof DeliveryDecision.Deliver deliver ? deliver.content() : send.content();
                byContent.computeIfAbsent(content, c -> new ArrayList<>()).add(device);
            }
        }
        List<PushDispatcher.Delivered> delivered = new ArrayList<>();
        byContent.forEach((content, devicesForContent) -> delivered.addAll(dispatcher.deliver(send.orgId(), send.id(), content,
                devicesForContent, () -> Activity.getExecutionContext().heartbeat(batch.afterDeviceId()))));
        ledger.record(send.id(), delivered.stream().map(d -> toLedger(d.device(), d.outcome())).toList());
        delivered.stream().filter(d -> d.outcome().tokenInvalid())
                .forEach(d -> invalidation.invalidate(send.orgId(), send.id(), d.device(), d.outcome()));

        List<ProviderOutcome> retryable = delivered.stream().map(PushDispatcher.Delivered::outcome)
                .filter(o -> o.result() == ProviderOutcome.Result.RETRY).toList();
        if (!retryable.isEmpty()) {
            // the retry re-reads the page and sends only the devices still pending
            Duration pause = retryable.stream().map(ProviderOutcome::retryAfter).filter(Objects::nonNull)
                    .max(Duration::compareTo).orElse(null);
            throw ApplicationFailure.newBuilder()
                    .setType("RetryableDelivery")
                    .setMessage(retryable.size() + " of " + delivered.size() + " devices got a retryable answer, e.g. " + retryable.get(0).reason())
                    .setNextRetryDelay(pause)
                    .build();
        }
        return resultOf(send.id(), page, batch);
    }

    @Override
    public BatchResult abandonBatch(DeliveryBatch batch, String reason) {
        Send send = sends.getById(batch.sendId());
        List<RecipientDevice> page = pageOf(send, batch);
        if (page.isEmpty()) {
            return BatchResult.empty(batch.afterDeviceId());
        }
        if (batch.dueAt() == null) {
            // a page that failed before its rows were recorded still counts its devices as failed
            ledger.recordPending(send.id(), send.orgId(), page);
        }
        ledger.abandonPending(batch.sendId(), ids(page), reason);
        return resultOf(batch.sendId(), page, batch);
    }

    @Override
    public Instant nextDeferredGroup(UUID sendId, Instant after) {
        return ledger.nextDeferredGroup(sendId, after);
    }

    private List<RecipientDevice> pageOf(Send send, DeliveryBatch batch) {
        return batch.dueAt() == null
                ? recipients.page(send, batch.afterDeviceId(), batch.upTo(), batch.limit())
                : recipients.deferredPage(send.id(), batch.dueAt(), batch.afterDeviceId(), batch.upTo(), batch.limit());
    }

    private static DeliveryLedger.Planned plan(RecipientDevice device, DeliveryDecision decision, Instant dueAt) {
        if (decision instanceof DeliveryDecision.Suppress suppress) {
            return new DeliveryLedger.Planned(device, DeliveryStatus.SUPPRESSED, suppress.reason(), dueAt);
        }
        if (decision instanceof DeliveryDecision.Defer defer) {
            return new DeliveryLedger.Planned(device, DeliveryStatus.DEFERRED, defer.reason(), defer.until());
        }
        return new DeliveryLedger.Planned(device, DeliveryStatus.PENDING, null, dueAt);
    }

    private BatchResult resultOf(UUID sendId, List<RecipientDevice> page, DeliveryBatch batch) {
        Map<DeliveryStatus, Long> counts = ledger.countsAmong(sendId, ids(page));
        boolean due = batch.dueAt() != null;
        return new BatchResult(page.get(page.size() - 1).deviceId(), due ? 0 : page.size(),
                counts.get(DeliveryStatus.ACCEPTED).intValue(), counts.get(DeliveryStatus.FAILED).intValue(),
                counts.get(DeliveryStatus.SUPPRESSED).intValue(), counts.get(DeliveryStatus.DEFERRED).intValue(),
                due ? page.size() : 0, page.size() < batch.limit());
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
