package dev.herald.workflows.send;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One send (workflow id {@code send-<sendId>}): waits for its time, then delivers to its
 * recipients' devices page by page, recording every device in the ledger; devices deferred to
 * a later instant (local-time delivery, quiet hours) are delivered when their timer fires.
 */
@WorkflowInterface
public interface SendWorkflow {

    @WorkflowMethod
    SendProgress run(SendWorkflowInput input);

    /** Stops the send: nothing more goes out. Answers once the cancellation is recorded. */
    @UpdateMethod
    SendProgress cancel();

    @UpdateValidatorMethod(updateName = "cancel")
    void validateCancel();

    /** Stops starting new pages (pages in flight finish) until {@link #resume()}. */
    @UpdateMethod
    SendProgress pause();

    @UpdateValidatorMethod(updateName = "pause")
    void validatePause();

    @UpdateMethod
    SendProgress resume();

    @UpdateValidatorMethod(updateName = "resume")
    void validateResume();

    @QueryMethod
    SendProgress progress();
}
