package dev.herald.workflows.recurring;

import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.send.SendWorkflow;
import dev.herald.workflows.send.SendWorkflowInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

public class RecurringSendWorkflowImpl implements RecurringSendWorkflow {

    private final RecurringSendActivities activities = Workflow.newActivityStub(RecurringSendActivities.class,
            ActivityOptions.newBuilder()
                    .setSummary("store this firing's send")
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .build());

    @Override
    public String fire(RecurringSendInput input) {
        FiredSend fired = activities.createSend(input.recurringSendId(), Workflow.getInfo().getWorkflowId());
        if (fired == null) {
            return null;
        }
        SendWorkflow send = Workflow.newChildWorkflowStub(SendWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId("send-" + fired.sendId())
                // the send runs on its own: a long broadcast must not hold up the schedule
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, fired.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "send")
                        .set(HeraldSearchAttributes.SEND_ID, fired.sendId().toString())
                        .build())
                .setStaticSummary(fired.summary())
                .build());
        Async.function(send::run, SendWorkflowInput.fresh(fired.sendId(), null));
        Workflow.getWorkflowExecution(send).get();
        return fired.sendId().toString();
    }
}
