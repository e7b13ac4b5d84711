package dev.herald.workflows.abtest;

import dev.herald.domain.abtest.AbReadout;
import dev.herald.domain.abtest.AutoPromote;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.send.SendProgress;
import dev.herald.workflows.send.SendWorkflow;
import dev.herald.workflows.send.SendWorkflowInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Sample first, then wait and check, then promote. The decision is the pure
 * {@link AutoPromote#decide} on the {@link AbReadout} of the stats an activity read, so the
 * workflow only sequences timers, checks and the two sends. Long waits with frequent checks
 * continue as new long before the history grows large.
 */
public class AbPromotionWorkflowImpl implements AbPromotionWorkflow {

    /** A run continues as new past this many history events. */
    static final int HISTORY_LIMIT = 2_000;

    private final AbPromotionActivities activities = Workflow.newActivityStub(AbPromotionActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .build());

    private AbPromotionInput input;
    private String status = "SAMPLING";
    private Instant sampleSentAt;
    private long sampleDevicesSent;
    private int checks;
    private Instant nextCheckAt;
    private AbReadout readout;
    private String winner;
    private String winnerSource;
    private Instant decidedAt;
    private String followUpVariant;
    private UUID followUpSendId;
    private int followUpUsers;
    private String followUpStatus;

    @Override
    public AbPromotionState run(AbPromotionInput in) {
        input = in;
        sampleSentAt = in.sampleSentAt();
        sampleDevicesSent = in.sampleDevicesSent();
        checks = in.checks();
        if (sampleSentAt == null) {
            describe("Sending the sample of send " + in.sendId());
            SendProgress sample = childSend(in.sendId(), in.sendSummary()).run(SendWorkflowInput.fresh(in.sendId(), in.scheduledFor()));
            if ("CANCELLED".equals(sample.status())) {
                return end("CANCELLED", "The send was cancelled: nothing to promote");
            }
            sampleSentAt = now();
            sampleDevicesSent = sample.sent();
        }
        status = "WAITING";
        AutoPromote policy = in.policy();
        while (true) {
            if (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(in.continueWith(sampleSentAt, sampleDevicesSent, policy, checks));
            }
            AbTestCheck check = activities.check(in.orgId(), in.testId());
            checks++;
            if (!check.exists()) {
                return end("STOPPED", "The A/B test was deleted: the held-back users get nothing");
            }
            if (policy == null) {
                // frozen at the first check: a later edit of the test does not move this send's goalposts
                policy = check.autoPromote();
                if (policy == null) {
                    return end("STOPPED", "The test's auto-promotion was turned off: the held-back users get nothing");
                }
            }
            readout = AbReadout.of(check.stats(), check.metric(), policy.effectiveConfidence());
            if (check.winner() != null) {
                decide(check.winner(), check.winnerSource());
                return promote(check.winner());
            }
            AutoPromote.Decision decision = policy.decide(readout, Duration.between(sampleSentAt, now()));
            if (decision instanceof AutoPromote.Decision.Wait wait) {
                nextCheckAt = now().plus(wait.next());
                describe("Check " + checks + ": leader " + readout.leader() + ", no significant winner yet; next check at " + nextCheckAt);
                Workflow.newTimer(wait.next(), TimerOptions.newBuilder().setSummary("next check of the A/B test").build()).get();
                continue;
            }
            nextCheckAt = null;
            AutoPromote.Decision.Declare declare = (AutoPromote.Decision.Declare) decision;
            if (declare.significant()) {
                AbPromotionActivities.Declared declared = activities.declareWinner(in.orgId(), in.testId(), declare.variant(), now());
                decide(declared.winner(), declared.source());
                return promote(declared.winner());
            }
            activities.recordInconclusive(in.orgId(), in.testId(), now());
            decide(null, "auto_inconclusive");
            if (!policy.sendsControlIfInconclusive()) {
                return end("COMPLETED", "No significant winner by the deadline: the held-back users get nothing");
            }
            return promote(readout.control());
        }
    }

    private void decide(String variant, String source) {
        winner = variant;
        winnerSource = source;
        decidedAt = now();
    }

    /** Sends the held-back users {@code variant} and waits for that send to finish. */
    private AbPromotionState promote(String variant) {
        followUpVariant = variant;
        FollowUp followUp = activities.createFollowUp(input.sendId(), Workflow.randomUUID(), variant);
        followUpSendId = followUp.sendId();
        followUpUsers = followUp.users();
        if (followUp.users() == 0) {
            return end("COMPLETED", "Variant " + variant + " chosen; no user was held back");
        }
        status = "PROMOTING";
        describe("Sending variant " + variant + " to the " + followUp.users() + " held-back users (send " + followUp.sendId() + ")");
        SendProgress sent = childSend(followUp.sendId(), followUp.summary()).run(SendWorkflowInput.fresh(followUp.sendId(), null));
        followUpStatus = sent.status();
        return end("COMPLETED", "Variant " + variant + " sent to the held-back users: " + sent.sent() + " devices");
    }

    private SendWorkflow childSend(UUID sendId, String summary) {
        return Workflow.newChildWorkflowStub(SendWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId("send-" + sendId)
                .setStaticSummary(summary)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, input.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "send")
                        .set(HeraldSearchAttributes.SEND_ID, sendId.toString())
                        .build())
                // a send that has started goes out even if its promotion is terminated
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setCancellationType(ChildWorkflowCancellationType.ABANDON)
                .build());
    }

    private AbPromotionState end(String finalStatus, String details) {
        status = finalStatus;
        nextCheckAt = null;
        describe(details);
        return state();
    }

    private static void describe(String details) {
        Workflow.setCurrentDetails(details);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    @Override
    public AbPromotionState state() {
        if (input == null) {
            return null;
        }
        return new AbPromotionState(status, input.sendId(), input.testId(), sampleSentAt, sampleDevicesSent, checks, nextCheckAt,
                readout, winner, winnerSource, decidedAt, followUpVariant, followUpSendId, followUpUsers, followUpStatus);
    }
}
