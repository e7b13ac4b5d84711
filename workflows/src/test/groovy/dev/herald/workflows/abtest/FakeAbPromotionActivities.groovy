package dev.herald.workflows.abtest

import dev.herald.domain.abtest.AbMetric
import dev.herald.domain.abtest.AutoPromote
import dev.herald.domain.abtest.VariantStats

import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList

/**
 * In-memory stand-in for the promotion activities, for workflow-logic specs: each check answers
 * the next scripted stats (the last one repeats); the real activities run against PostgreSQL
 * in the api module.
 */
class FakeAbPromotionActivities implements AbPromotionActivities {

    AutoPromote policy = new AutoPromote(20, 100, 60, 240, 0.95, 30, null)
    List<List<VariantStats>> script = [[new VariantStats('a', 0, 0, 0), new VariantStats('b', 0, 0, 0)]]
    /** A winner declared by hand before the check of this number (1-based), if any. */
    Integer manualWinnerAtCheck
    int heldBack = 40

    String winner
    String winnerSource
    final List<String> calls = new CopyOnWriteArrayList<>()
    final List<Instant> checkedAt = new CopyOnWriteArrayList<>()

    static List<VariantStats> stats(long sentA, long openedA, long sentB, long openedB) {
        [new VariantStats('a', sentA, openedA, 0), new VariantStats('b', sentB, openedB, 0)]
    }

    @Override
    AbTestCheck check(UUID orgId, UUID testId) {
        checkedAt << Instant.ofEpochMilli(io.temporal.activity.Activity.executionContext.info.currentAttemptScheduledTimestamp)
        int n = checkedAt.size()
        calls << "check".toString()
        if (manualWinnerAtCheck != null && n >= manualWinnerAtCheck && winner == null) {
            winner = 'a'
            winnerSource = 'manual'
        }
        new AbTestCheck(true, AbMetric.OPENED, policy, script[Math.min(n, script.size()) - 1], winner, winnerSource)
    }

    @Override
    Declared declareWinner(UUID orgId, UUID testId, String variant, Instant at) {
        calls << "declare $variant".toString()
        if (winner == null) {
            winner = variant
            winnerSource = 'auto'
        }
        new Declared(winner, winnerSource)
    }

    @Override
    void recordInconclusive(UUID orgId, UUID testId, Instant at) {
        calls << 'inconclusive'
        winnerSource = 'auto_inconclusive'
    }

    @Override
    FollowUp createFollowUp(UUID sampleSendId, UUID followUpSendId, String variant) {
        calls << "follow-up $variant".toString()
        new FollowUp(followUpSendId, heldBack, "Variant $variant to the held-back users".toString())
    }
}
