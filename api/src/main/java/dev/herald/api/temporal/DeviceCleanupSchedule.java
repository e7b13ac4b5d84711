package dev.herald.api.temporal;

import dev.herald.api.config.DeviceCleanupSettings;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.maintenance.DeviceCleanupWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The Temporal Schedule that deletes devices disabled past the grace period
 * ({@code herald-device-cleanup}, hourly by default). Every worker makes sure it exists at
 * start: it is created once, and updated in place when the configuration changed.
 */
@Singleton
public class DeviceCleanupSchedule {

    public static final String SCHEDULE_ID = "herald-device-cleanup";
    public static final String WORKFLOW_ID = "device-cleanup";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceCleanupSchedule.class);

    private final ScheduleClient schedules;
    private final TemporalSettings temporal;
    private final DeviceCleanupSettings settings;

    public DeviceCleanupSchedule(ScheduleClient schedules, TemporalSettings temporal, DeviceCleanupSettings settings) {
        this.schedules = schedules;
        this.temporal = temporal;
        this.settings = settings;
    }

    /** What the schedule starts: the cleanup workflow with the configured grace. */
    public WorkflowOptions workflowOptions() {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(temporal.taskQueue())
                .setTypedSearchAttributes(SearchAttributes.newBuilder().set(HeraldSearchAttributes.KIND, "device-cleanup").build())
                .setStaticSummary("Delete devices disabled more than " + settings.disabledGrace().toDays() + " days ago")
                .build();
    }

    public Schedule schedule() {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(DeviceCleanupWorkflow.class)
                        .setArguments(settings.disabledGrace())
                        .setOptions(workflowOptions())
                        .build())
                .setSpec(ScheduleSpec.newBuilder()
                        .setIntervals(List.of(new ScheduleIntervalSpec(settings.cleanupInterval())))
                        .build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .build())
                .build();
    }

    /** Creates the schedule, or brings an existing one up to date; never fails the worker's start. */
    public void ensure() {
        Schedule schedule = schedule();
        try {
            try {
                schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
                LOG.info("Created the Temporal Schedule {}", SCHEDULE_ID);
            } catch (ScheduleAlreadyRunningException exists) {
                schedules.getHandle(SCHEDULE_ID).update(current -> new ScheduleUpdate(schedule));
            }
        } catch (RuntimeException e) {
            // the embedded (test) service has no schedules; a real cluster always does
            LOG.warn("Could not create the Temporal Schedule {} ({}); disabled devices are not cleaned up by this cluster",
                    SCHEDULE_ID, e.toString());
        }
    }
}
