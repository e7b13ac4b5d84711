package dev.herald.workflows.automation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of an automation for one user (workflow id {@code automation-<key>-<userId>-<runId>}):
 * interprets the definition version it started with, step by step. Events the run listens for
 * (its goal, the events its steps wait for) arrive as the {@code event} signal.
 */
@WorkflowInterface
public interface AutomationRunWorkflow {

    @WorkflowMethod
    RunResult run(AutomationRunInput input);

    @SignalMethod
    void event(RunEvent event);

    /** The id of the step the run is at. */
    @QueryMethod
    String currentStep();
}
