package dev.herald.workflows.maintenance;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

import java.time.Duration;

/**
 * Deletes devices whose tokens were disabled longer than {@code grace} ago. Started every hour
 * by the Temporal Schedule {@code herald-device-cleanup}; returns how many devices it deleted.
 */
@WorkflowInterface
public interface DeviceCleanupWorkflow {

    @WorkflowMethod
    int run(Duration grace);
}
