package dev.herald.api.send;

import dev.herald.domain.send.Delivery;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.Send;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

public final class SendViews {

    private SendViews() {
    }

    /** How a send's devices stand in the ledger. */
    @Serdeable
    public record DeliveryCounts(long total, long pending, long accepted, long failed, long suppressed, long deferred) {
        static DeliveryCounts of(Map<DeliveryStatus, Long> counts) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return new DeliveryCounts(total, counts.get(DeliveryStatus.PENDING), counts.get(DeliveryStatus.ACCEPTED),
                    counts.get(DeliveryStatus.FAILED), counts.get(DeliveryStatus.SUPPRESSED), counts.get(DeliveryStatus.DEFERRED));
        }
    }

    @Serdeable
    public record SendView(UUID id, String status, int targetedUsers, @Nullable Instant scheduledFor, Instant createdAt,
                           @Nullable Instant startedAt, @Nullable Instant finishedAt, DeliveryCounts deliveries,
                           String workflowId, String temporalUrl) {
        static SendView of(Send send, Map<DeliveryStatus, Long> counts, String temporalUrl) {
            return new SendView(send.id(), send.status().name().toLowerCase(Locale.ROOT), send.targetedUsers(), send.scheduledFor(),
                    send.createdAt(), send.startedAt(), send.finishedAt(), DeliveryCounts.of(counts), send.workflowId(), temporalUrl);
        }
    }

    @Serdeable
    public record DeliveryView(UUID deviceId, UUID appId, @Nullable String userId, String provider, String channel, String status,
                               @Nullable String reason, @Nullable String providerMessageId, @Nullable Integer providerStatus,
                               int attempts, Instant createdAt, @Nullable Instant sentAt, Instant updatedAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.deviceId(), d.appId(), d.externalUserId(), d.provider(), d.channel(),
                    d.status().name().toLowerCase(Locale.ROOT), d.reason(), d.providerMessageId(), d.providerStatus(),
                    d.attempts(), d.createdAt(), d.sentAt(), d.updatedAt());
        }
    }
}
