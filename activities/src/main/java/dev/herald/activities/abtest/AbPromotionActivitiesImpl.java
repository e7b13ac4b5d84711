package dev.herald.activities.abtest;

import dev.herald.domain.abtest.AbTest;
import dev.herald.domain.abtest.AbTestStore;
import dev.herald.domain.policy.SendPlan;
import dev.herald.domain.policy.SendPlanStore;
import dev.herald.domain.send.LocalTimeDelivery;
import dev.herald.domain.send.NewSend;
import dev.herald.domain.send.Send;
import dev.herald.domain.send.SendStore;
import dev.herald.domain.send.SendTarget;
import dev.herald.domain.template.MessageContent;
import dev.herald.workflows.abtest.AbPromotionActivities;
import dev.herald.workflows.abtest.AbTestCheck;
import dev.herald.workflows.abtest.FollowUp;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a test's stats and records a promotion's outcome: the winner on the test, the follow-up send. */
@Singleton
public class AbPromotionActivitiesImpl implements AbPromotionActivities {

    private final AbTestStore tests;
    private final SendStore sends;
    private final SendPlanStore plans;

    public AbPromotionActivitiesImpl(AbTestStore tests, SendStore sends, SendPlanStore plans) {
        this.tests = tests;
        this.sends = sends;
        this.plans = plans;
    }

    @Override
    public AbTestCheck check(UUID orgId, UUID testId) {
        Optional<AbTest> found = tests.find(orgId, testId);
        if (found.isEmpty()) {
            return AbTestCheck.deleted();
        }
        AbTest test = found.get();
        return new AbTestCheck(true, test.metric(), test.autoPromote(), tests.stats(test), test.winner(), test.winnerSource());
    }

    @Override
    public Declared declareWinner(UUID orgId, UUID testId, String variant, Instant at) {
        // the same path as a winner declared by hand, which it never overrides
        AbTest test = tests.declareWinner(orgId, testId, variant, "auto", at);
        return new Declared(test.winner(), test.winnerSource());
    }

    @Override
    public void recordInconclusive(UUID orgId, UUID testId, Instant at) {
        tests.declareWinner(orgId, testId, null, "auto_inconclusive", at);
    }

    @Override
    @Transactional
    public FollowUp createFollowUp(UUID sampleSendId, UUID proposedId, String variant) {
        Send sample = sends.getById(sampleSendId);
        // a sample has one follow-up, whichever run of its promotion made it (a retry, or a run rebuilt after a restart)
        UUID followUpSendId = plans.followUpOf(sampleSendId).orElse(proposedId);
        Optional<Send> existing = sends.find(sample.orgId(), followUpSendId);
        if (existing.isPresent()) {
            return new FollowUp(followUpSendId, existing.get().targetedUsers(), summary(sample, variant, existing.get().targetedUsers()));
        }
        SendPlan plan = plans.find(sampleSendId).orElseThrow(() -> new IllegalStateException("send " + sampleSendId + " has no plan"));
        List<String> heldBack = plans.heldBack(sampleSendId);
        if (heldBack.isEmpty()) {
            return new FollowUp(followUpSendId, 0, summary(sample, variant, 0));
        }
        MessageContent message = plan.variants().stream().filter(v -> v.key().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalStateException("variant " + variant + " is not in send " + sampleSendId)).message();
        // the stored content shows the winner's raw text; each recipient's push is rendered from the plan
        var content = sample.content().withMessage(message.title(), message.body(),
                message.data().isEmpty() ? sample.content().data() : message.data(),
                message.url() != null ? message.url() : sample.content().url());
        NewSend followUp = new NewSend(sample.orgId(), content, new SendTarget.Users(heldBack), null,
                LocalTimeDelivery.parse(sample.deliverAtLocalTime()).orElse(null), sample.ratePerSecond(), null);
        Send created = sends.create(followUpSendId, followUp, Instant.now()).send();
        plans.save(plan.forWinner(followUpSendId, variant));
        plans.markFollowUp(followUpSendId, sampleSendId);
        return new FollowUp(followUpSendId, created.targetedUsers(), summary(sample, variant, created.targetedUsers()));
    }

    private static String summary(Send sample, String variant, int users) {
        return "Variant " + variant + " of A/B send " + sample.id() + " to the " + users + " held-back users";
    }
}
