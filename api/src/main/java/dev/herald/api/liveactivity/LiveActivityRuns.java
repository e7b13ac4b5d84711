package dev.herald.api.liveactivity;

import dev.herald.api.error.ApiException;
import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.liveactivity.LiveActivity;
import dev.herald.domain.liveactivity.LiveActivityStore;
import dev.herald.domain.liveactivity.StateUpdate;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.liveactivity.EndRequest;
import dev.herald.workflows.liveactivity.LiveActivityInput;
import dev.herald.workflows.liveactivity.LiveActivityState;
import dev.herald.workflows.liveactivity.LiveActivityWorkflow;
import dev.herald.workflows.liveactivity.LiveActivityWorkflowImpl;
import dev.herald.workflows.liveactivity.UpdateReceipt;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * The Temporal side of live activities: starts each activity's workflow with Update-with-Start,
 * sends it updates and ends, queries it, and turns its refusals into API errors.
 */
@Singleton
public class LiveActivityRuns {

    private static final Logger LOG = LoggerFactory.getLogger(LiveActivityRuns.class);
    /** An update that lands while the run continues as new is sent again this many times. */
    private static final int TURNOVER_ATTEMPTS = 5;

    private final WorkflowClient temporal;
    private final TemporalSettings temporalSettings;
    private final LiveActivityStore store;

    public LiveActivityRuns(WorkflowClient temporal, TemporalSettings temporalSettings, LiveActivityStore store) {
        this.temporal = temporal;
        this.temporalSettings = temporalSettings;
        this.store = store;
    }

    /**
     * Starts the activity's workflow and waits until it is under way (its start push sent, for a
     * remote start). A second call for the same activity lands on the same run.
     */
    public LiveActivityState start(LiveActivity activity, LiveActivityInput input, String summary) {
        try {
            LiveActivityWorkflow workflow = temporal.newWorkflowStub(LiveActivityWorkflow.class, options(activity, summary));
            return WorkflowClient.executeUpdateWithStart(workflow::opened,
                    UpdateOptions.newBuilder(LiveActivityState.class).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                    new WithStartWorkflowOperation<>(workflow::run, input));
        } catch (RuntimeException e) {
            LOG.error("Could not start workflow {}", activity.workflowId(), e);
            store.markAbandoned(activity.id(), "not_started");
            throw ApiException.unavailable("temporal_unavailable",
                    "The live activity was stored but could not be started; Temporal is not reachable");
        }
    }

    /**
     * Starts the workflow of an activity whose run the embedded Temporal lost with the last
     * process, without waiting for it (the worker may not be polling yet).
     */
    public void restart(LiveActivity activity, LiveActivityInput input) {
        String summary = "Live activity " + activity.activityType() + (activity.externalUserId() != null ? " for " + activity.externalUserId() : "")
                + " on " + activity.platform().name().toLowerCase(java.util.Locale.ROOT) + " (started again after a restart)";
        WorkflowClient.start(temporal.newWorkflowStub(LiveActivityWorkflow.class, options(activity, summary))::run, input);
    }

    private WorkflowOptions options(LiveActivity activity, String summary) {
        SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
                .set(HeraldSearchAttributes.ORG_ID, activity.orgId().toString())
                .set(HeraldSearchAttributes.APP_ID, activity.appId().toString())
                .set(HeraldSearchAttributes.KIND, "live_activity");
        if (activity.externalUserId() != null) {
            attributes.set(HeraldSearchAttributes.USER_ID, activity.externalUserId());
        }
        return WorkflowOptions.newBuilder()
                .setWorkflowId(activity.workflowId())
                .setTaskQueue(temporalSettings.taskQueue())
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(attributes.build())
                .setStaticSummary(summary)
                .setStaticDetails("Activity type " + activity.activityType()
                        + (activity.externalId() != null ? ", external id " + activity.externalId() : ""))
                .build();
    }

    public UpdateReceipt update(LiveActivity activity, StateUpdate update) {
        return call(activity, workflow -> workflow.update(update));
    }

    public LiveActivityState end(LiveActivity activity, EndRequest request) {
        return call(activity, workflow -> workflow.end(request));
    }

    /** Tells the run the app reported a new update token; an ended run has nothing to resend. */
    public void tokenChanged(LiveActivity activity) {
        try {
            temporal.newWorkflowStub(LiveActivityWorkflow.class, activity.workflowId()).updateTokenChanged();
        } catch (WorkflowNotFoundException ended) {
            // the token is stored; there is no run left to use it
        } catch (WorkflowException e) {
            throw ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
        }
    }

    /** What the running workflow knows, or nothing when it cannot be asked. */
    public Optional<LiveActivityState> state(LiveActivity activity) {
        if (!activity.active()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(temporal.newWorkflowStub(LiveActivityWorkflow.class, activity.workflowId()).state());
        } catch (RuntimeException e) {
            LOG.warn("Could not query workflow {}; answering from the database", activity.workflowId(), e);
            return Optional.empty();
        }
    }

    private <T> T call(LiveActivity activity, Function<LiveActivityWorkflow, T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.apply(temporal.newWorkflowStub(LiveActivityWorkflow.class, activity.workflowId()));
            } catch (WorkflowUpdateException e) {
                throw refusal(e);
            } catch (WorkflowNotFoundException e) {
                if (attempt < TURNOVER_ATTEMPTS) {
                    pause();
                    continue;
                }
                store.markAbandoned(activity.id(), "run_lost");
                throw ApiException.conflict("activity_ended", "The live activity has ended");
            } catch (WorkflowException e) {
                throw ApiException.unavailable("temporal_unavailable", "Temporal is not reachable; try again");
            }
        }
    }

    private static ApiException refusal(WorkflowUpdateException e) {
        String message = e.getCause() instanceof ApplicationFailure failure ? failure.getOriginalMessage() : String.valueOf(e.getMessage());
        if (message.startsWith(LiveActivityWorkflowImpl.STALE_UPDATE + ":")) {
            return ApiException.conflict(LiveActivityWorkflowImpl.STALE_UPDATE,
                    "Dropped as stale: " + message.substring(LiveActivityWorkflowImpl.STALE_UPDATE.length() + 1).trim());
        }
        return ApiException.conflict(LiveActivityWorkflowImpl.ACTIVITY_ENDED, "The live activity has ended");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
