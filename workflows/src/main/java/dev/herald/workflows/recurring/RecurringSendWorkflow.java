package dev.herald.workflows.recurring;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One firing of a recurring send, started by the Temporal Schedule
 * {@code recurring-send-<id>}: makes this firing's send and starts its {@code send-<id>}
 * workflow, which outlives this run. Answers the send's id (none if the recurring send is gone).
 */
@WorkflowInterface
public interface RecurringSendWorkflow {

    @WorkflowMethod
    String fire(RecurringSendInput input);
}
