package dev.herald.api.send;

import dev.herald.domain.send.Delivery;
import dev.herald.domain.send.DeliveryStatus;
import dev.herald.domain.send.Send;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import dev.herald.workflows.send.SendProgress;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

public final class SendViews {

    private SendViews() {
    }

    /** How a send's devices stand in the ledger; {@code failedReasons} counts the failed devices by reason. */
    @Serdeable
    public record DeliveryCounts(long total, long pending, long accepted, long failed, long suppressed, long deferred,
                                 @Nullable Map<String, Long> failedReasons) {
        static DeliveryCounts of(Map<DeliveryStatus, Long> counts, Map<String, Long> failedReasons) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return new DeliveryCounts(total, counts.get(DeliveryStatus.PENDING), counts.get(DeliveryStatus.ACCEPTED),
                    counts.get(DeliveryStatus.FAILED), counts.get(DeliveryStatus.SUPPRESSED), counts.get(DeliveryStatus.DEFERRED),
                    failedReasons.isEmpty() ? null : failedReasons);
        }
    }

    /**
     * A send. {@code target} is {@code users}, {@code devices} or {@code audience};
     * {@code rejectedCount} and {@code rejected} (the first 100) report request rows (user ids,
     * tokens, CSV rows) that were not sent to, on the response that created the send.
     * {@code failureReason} says why a failed send failed.
     */
    @Serdeable
    public record SendView(UUID id, String status, String target, int targetedUsers, @Nullable UUID segmentId,
                           @Nullable Instant scheduledFor, @Nullable String deliverAtLocalTime, @Nullable Integer ratePerSecond,
                           Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, DeliveryCounts deliveries,
                           String workflowId, @Nullable String temporalUrl, @Nullable Integer rejectedCount,
                           @Nullable List<SendService.RejectedRow> rejected, @Nullable UUID recurringSendId,
                           @Nullable String failureReason) {
        static SendView of(Send send, Map<DeliveryStatus, Long> counts, Map<String, Long> failedReasons, @Nullable String temporalUrl) {
            return new SendView(send.id(), send.status().name().toLowerCase(Locale.ROOT), send.targetKind().name().toLowerCase(Locale.ROOT),
                    send.targetedUsers(), send.segmentId(), send.scheduledFor(), send.deliverAtLocalTime(), send.ratePerSecond(),
                    send.createdAt(), send.startedAt(), send.finishedAt(), DeliveryCounts.of(counts, failedReasons), send.workflowId(),
                    temporalUrl, null, null, send.recurringSendId(), send.failureReason());
        }

        SendView withRejected(int count, List<SendService.RejectedRow> rows) {
            return new SendView(id, status, target, targetedUsers, segmentId, scheduledFor, deliverAtLocalTime, ratePerSecond, createdAt,
                    startedAt, finishedAt, deliveries, workflowId, temporalUrl, count, rows, recurringSendId, failureReason);
        }
    }

    /**
     * How a send's devices stand: from its workflow while it runs ({@code source: workflow}), else
     * from its ledger ({@code source: ledger}: a finished send, or one whose run Temporal no longer has).
     */
    @Serdeable
    public record ProgressView(String status, long targeted, long processed, long sent, long failed, long suppressed, long deferred,
                               String source) {
        static ProgressView of(SendProgress p) {
            return of(new SendService.Progress(p, "workflow"));
        }

        static ProgressView of(SendService.Progress progress) {
            SendProgress p = progress.progress();
            return new ProgressView(p.status().toLowerCase(Locale.ROOT), p.targeted(), p.processed(), p.sent(), p.failed(),
                    p.suppressed(), p.deferred(), progress.source());
        }
    }

    /**
     * One device's ledger row. {@code channel} is where the push went or would have gone
     * ({@code apns}, {@code fcm}, {@code webpush}, {@code onesignal}, or {@code capture} for an app
     * without credentials); {@code abTestId} and {@code variant} the A/B variant it carried;
     * {@code openedAt}, {@code clickedAt} and {@code actionId} the first open and click open
     * tracking recorded (the action button clicked, if any).
     */
    @Serdeable
    public record DeliveryView(UUID deviceId, UUID appId, @Nullable String userId, String provider, String channel, String status,
                               @Nullable String reason, @Nullable String providerMessageId, @Nullable Integer providerStatus,
                               int attempts, Instant createdAt, @Nullable Instant sentAt, Instant updatedAt,
                               @Nullable UUID abTestId, @Nullable String variant, @Nullable Instant openedAt,
                               @Nullable Instant clickedAt, @Nullable String actionId) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.deviceId(), d.appId(), d.externalUserId(), d.provider(), d.channel(),
                    d.status().name().toLowerCase(Locale.ROOT), d.reason(), d.providerMessageId(), d.providerStatus(),
                    d.attempts(), d.createdAt(), d.sentAt(), d.updatedAt(), d.abTestId(), d.variant(), d.openedAt(),
                    d.clickedAt(), d.clickedAction());
        }
    }
}
