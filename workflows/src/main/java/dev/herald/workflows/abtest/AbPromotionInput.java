package dev.herald.workflows.abtest;

import dev.herald.domain.abtest.AutoPromote;

import java.time.Instant;
import java.util.UUID;

/**
 * Input of a promotion run. A fresh run has sent nothing; a continued run carries when the
 * sample went out, the policy it froze at its first check and how many checks it made.
 *
 * @param sendSummary the summary the sample send's workflow shows in the Temporal UI
 */
public record AbPromotionInput(UUID orgId, UUID sendId, UUID testId, Instant scheduledFor, String sendSummary,
                               Instant sampleSentAt, long sampleDevicesSent, AutoPromote policy, int checks) {

    public static AbPromotionInput fresh(UUID orgId, UUID sendId, UUID testId, Instant scheduledFor, String sendSummary) {
        return new AbPromotionInput(orgId, sendId, testId, scheduledFor, sendSummary, null, 0, null, 0);
    }

    /**
     * A promotion whose sample had gone out when its run was lost (the embedded Temporal keeps
     * runs in memory only): it waits and checks from when the sample finished, as before.
     */
    public static AbPromotionInput resumed(UUID orgId, UUID sendId, UUID testId, String sendSummary, Instant sampleSentAt,
                                           long sampleDevicesSent) {
        return new AbPromotionInput(orgId, sendId, testId, null, sendSummary, sampleSentAt, sampleDevicesSent, null, 0);
    }

    AbPromotionInput continueWith(Instant sentAt, long devicesSent, AutoPromote frozen, int checksSoFar) {
        return new AbPromotionInput(orgId, sendId, testId, scheduledFor, sendSummary, sentAt, devicesSent, frozen, checksSoFar);
    }
}
