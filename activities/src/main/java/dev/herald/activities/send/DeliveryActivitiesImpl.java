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
 * devices suppressed or deferred in the ledger (a retried page keeps its first decisions), sends
 * to the devices the ledger has not settled chunk by chunk, and records each chunk's answers as
 * they come. The ledger is what makes a retry exactly-once; a cancelled page sends no further
 * chunk.
 */
@Singleton
public class DeliveryActivitiesImpl implements DeliveryActivities {

    /**
     * Devices recorded together within a page: the answers of a chunk go to the ledger as soon
     * as they are all in, and a cancel stops the sending at the next chunk (which matters when
     * rate limits spread a page out in time).
     */
    static final int CHUNK_SIZE = 100;

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
        Map<UUID, String> channels = dispatcher.channels(page);
        List<DeliveryLedger.Planned> planned = page.stream()
                .map(d -> plan(d, decisions.get(d.deviceId()), batch.dueAt(), channels.get(d.deviceId()))).toList();
        if (batch.dueAt() == null) {
            // a device to push now gets its row with its answer: one write per device, not two
            ledger.record(send.id(), send.orgId(), planned.stream().filter(p -> p.status() != DeliveryStatus.PENDING).toList());
        } else {
            ledger.replanDeferred(send.id(), planned);
        }
        Set<UUID> settled = ledger.settled(send.id(), ids(page));
        // the ledger decides who is still owed the push; the policies only which content it carries
        List<RecipientDevice> owed = page.stream().filter(d -> !settled.contains(d.deviceId())).toList();
        PageHeartbeat heartbeat = new PageHeartbeat(Activity.getExecutionContext());
        // every chunk goes out at once (the page stays concurrent), unless the attempt is over (a cancel) first
        List<List<PushDispatcher.Sent>> chunks = new ArrayList<>();
        for (int from = 0; from < owed.size() && !heartbeat.isOver(); from += CHUNK_SIZE) {
            chunks.add(sendChunk(send, decisions, owed.subList(from, Math.min(owed.size(), from + CHUNK_SIZE)), heartbeat));
        }
        // each chunk's answers go to the ledger as soon as they are in: a retry resends only what has none
        List<ProviderOutcome> retryable = new ArrayList<>();
        int answered = page.size() - owed.size();
        for (List<PushDispatcher.Sent> chunk : chunks) {
            retryable.addAll(recordAnswers(send, chunk, heartbeat));
            answered += chunk.stream().mapToInt(c -> c.devices().size()).sum();
            heartbeat.progress(answered);
        }
        // now that every answered device has its row
        policies.recordVariants(send, page);
        // an attempt that is over (cancelled, say) says so rather than ask for a retry
        heartbeat.stopIfOver();
        if (!retryable.isEmpty()) {
            // the retry re-reads the page and sends only the devices still pending
            Duration pause = retryable.stream().map(ProviderOutcome::retryAfter).filter(Objects::nonNull)
                    .max(Duration::compareTo).orElse(null);
            throw ApplicationFailure.newBuilder()
                    .setType("RetryableDelivery")
                    .setMessage(retryable.size() + " of " + owed.size() + " devices got a retryable answer, e.g. " + retryable.get(0).reason())
                    .setNextRetryDelay(pause)
                    .build();
        }
        return resultOf(send.id(), page, batch);
    }

    private List<PushDispatcher.Sent> sendChunk(Send send, Map<UUID, DeliveryDecision> decisions, List<RecipientDevice> chunk,
                                                PageHeartbeat heartbeat) {
        heartbeat.beat();
        Map<PushContent, List<RecipientDevice>> byContent = new LinkedHashMap<>();
        for (RecipientDevice device : chunk) {
            PushContent content = decisions.get(device.deviceId()) instanceof DeliveryDecision.Deliver deliver ? deliver.content() : send.content();
            byContent.computeIfAbsent(content, c -> new ArrayList<>()).add(device);
        }
        List<PushDispatcher.Sent> sent = new ArrayList<>();
        byContent.forEach((content, devicesForContent) -> sent.add(dispatcher.send(send.orgId(), send.id(), content, devicesForContent,
                heartbeat::beat)));
        return sent;
    }

    /** Waits for one chunk's answers and records them; answers the retryable outcomes. */
    private List<ProviderOutcome> recordAnswers(Send send, List<PushDispatcher.Sent> chunk, PageHeartbeat heartbeat) {
        List<PushDispatcher.Delivered> delivered = new ArrayList<>();
        chunk.forEach(sent -> delivered.addAll(dispatcher.answers(sent, heartbeat::beat)));
        ledger.recordAnswers(send.id(), send.orgId(), delivered.stream().map(d -> toLedger(d.device(), d.outcome())).toList());
        delivered.stream().filter(d -> d.outcome().tokenInvalid())
                .forEach(d -> invalidation.invalidate(send.orgId(), send.id(), d.device(), d.outcome()));
        return delivered.stream().map(PushDispatcher.Delivered::outcome)
                .filter(o -> o.result() == ProviderOutcome.Result.RETRY).toList();
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
            ledger.recordPending(send.id(), send.orgId(), page, dispatcher.channels(page));
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

    private static DeliveryLedger.Planned plan(RecipientDevice device, DeliveryDecision decision, Instant dueAt, String channel) {
        if (decision instanceof DeliveryDecision.Suppress suppress) {
            return new DeliveryLedger.Planned(device, DeliveryStatus.SUPPRESSED, suppress.reason(), dueAt, channel);
        }
        if (decision instanceof DeliveryDecision.Defer defer) {
            return new DeliveryLedger.Planned(device, DeliveryStatus.DEFERRED, defer.reason(), defer.until(), channel);
        }
        return new DeliveryLedger.Planned(device, DeliveryStatus.PENDING, null, dueAt, channel);
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
        return new DeliveryOutcome(device, outcome.channel(), status, outcome.reason(), outcome.messageId(),
                outcome.providerStatus());
    }

    private static List<UUID> ids(List<RecipientDevice> page) {
        return page.stream().map(RecipientDevice::deviceId).toList();
    }
}
