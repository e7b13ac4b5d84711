package dev.herald.workflows.abtest;

import io.temporal.activity.ActivityInterface;

import java.time.Instant;
import java.util.UUID;

/** What a promotion reads and records in the database. */
@ActivityInterface
public interface AbPromotionActivities {

    AbTestCheck check(UUID orgId, UUID testId);

    /**
     * Declares {@code variant} the test's winner unless one was declared meanwhile, and answers
     * the winner as it now stands with its source ({@code auto} or {@code manual}).
     */
    Declared declareWinner(UUID orgId, UUID testId, String variant, Instant at);

    /** Records on the test that its auto-promotion ran out of time without a significant winner. */
    void recordInconclusive(UUID orgId, UUID testId, Instant at);

    /**
     * Stores the send (id {@code followUpSendId}, safe to repeat) that gives the users the sample
     * send held back {@code variant}, with the sample send's other settings.
     */
    FollowUp createFollowUp(UUID sampleSendId, UUID followUpSendId, String variant);

    record Declared(String winner, String source) {
    }
}
