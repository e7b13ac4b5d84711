package dev.herald.workflows.abtest;

import dev.herald.domain.abtest.AbReadout;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a promotion stands, answered by its query.
 *
 * @param status       SAMPLING (the send is delivering to its sample), WAITING (for time, sample or significance),
 *                     PROMOTING (the follow-up send is delivering), COMPLETED, CANCELLED (the send was cancelled)
 *                     or STOPPED (the test was deleted or its auto-promotion turned off)
 * @param readout      the latest readout, null before the first check
 * @param winnerSource {@code auto} (significant), {@code manual} (declared by hand meanwhile) or
 *                     {@code auto_inconclusive} (out of time; {@code winner} is null); null while undecided
 * @param followUpVariant the variant the held-back users get: the winner, the control when inconclusive, or null
 */
public record AbPromotionState(String status, UUID sendId, UUID testId, Instant sampleSentAt, long sampleDevicesSent,
                               int checks, Instant nextCheckAt, AbReadout readout, String winner, String winnerSource,
                               Instant decidedAt, String followUpVariant, UUID followUpSendId, int followUpUsers,
                               String followUpStatus) {
}
