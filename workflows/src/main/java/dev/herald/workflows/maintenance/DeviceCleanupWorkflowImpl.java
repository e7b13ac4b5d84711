package dev.herald.workflows.maintenance;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;

public class DeviceCleanupWorkflowImpl implements DeviceCleanupWorkflow {

    /** Devices per delete: small transactions, a bounded number of activities per run. */
    static final int CHUNK = 1000;
    /** A run stops after this many chunks; the next hourly run goes on. */
    static final int MAX_CHUNKS = 100;

    private final MaintenanceActivities maintenance = Workflow.newActivityStub(MaintenanceActivities.class,
            ActivityOptions.newBuilder()
                    .setSummary("delete devices disabled past the grace period")
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                    .build());

    @Override
    public int run(Duration grace) {
        // the cutoff is the workflow's own clock, so a replay (and time skipping in tests) agrees with it
        Instant cutoff = Instant.ofEpochMilli(Workflow.currentTimeMillis()).minus(grace);
        int deleted = 0;
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            int n = maintenance.deleteDisabledDevices(cutoff, CHUNK);
            deleted += n;
            if (n < CHUNK) {
                break;
            }
        }
        Workflow.setCurrentDetails("Deleted " + deleted + " devices disabled before " + cutoff);
        return deleted;
    }
}
