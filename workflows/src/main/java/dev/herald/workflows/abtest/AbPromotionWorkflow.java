package dev.herald.workflows.abtest;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The auto-promotion of one A/B send (workflow id {@code ab-promote-<sendId>}): runs the send
 * itself (child {@code send-<sendId>}, which delivers to the sample and holds the rest back),
 * waits at least the test's minimum time, checks the per-variant stats on a durable timer until
 * a variant is significantly better or the maximum wait passes, records the outcome on the test,
 * and sends the held-back users the winner (child {@code send-<followUpId>}).
 */
@WorkflowInterface
public interface AbPromotionWorkflow {

    static String workflowId(java.util.UUID sendId) {
        return "ab-promote-" + sendId;
    }

    @WorkflowMethod
    AbPromotionState run(AbPromotionInput input);

    @QueryMethod
    AbPromotionState state();
}
