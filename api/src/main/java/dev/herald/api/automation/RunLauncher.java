package dev.herald.api.automation;

import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.automation.Automation;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.AutomationVersion;
import dev.herald.domain.automation.RunStatus;
import dev.herald.domain.automation.RunStore;
import dev.herald.workflows.automation.AutomationRunInput;
import dev.herald.workflows.automation.AutomationRunWorkflow;
import dev.herald.workflows.automation.RunEvent;
import dev.herald.workflows.automation.RunResume;
import dev.herald.workflows.common.HeraldSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Starts run workflows and delivers events to them. */
@Singleton
public class RunLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    static final String WORKFLOW_TYPE = "AutomationRunWorkflow";
    static final String EVENT_SIGNAL = "event";

    private final WorkflowClient temporal;
    private final TemporalSettings settings;
    private final RunStore runs;
    private final AutomationStore automations;

    public RunLauncher(WorkflowClient temporal, TemporalSettings settings, RunStore runs, AutomationStore automations) {
        this.temporal = temporal;
        this.settings = settings;
        this.runs = runs;
        this.automations = automations;
    }

    /** Starts the workflow of a run just recorded; a run whose workflow cannot start is recorded as failed. */
    public void start(AutomationRun run, AutomationVersion version, RunEvent trigger) {
        try {
            ensureStarted(run, version, trigger);
        } catch (RuntimeException e) {
            runs.finish(run.id(), RunStatus.FAILED, "Temporal could not start the run's workflow: " + e.getMessage(), Instant.now());
            throw e;
        }
    }

    /**
     * Starts the workflow of a recorded run unless it exists (or existed): for a caller that
     * retries, such as an event's dispatch, which must not give up on the run when Temporal blinks.
     */
    public void ensureStarted(AutomationRun run, AutomationVersion version, RunEvent trigger) {
        try {
            WorkflowClient.start(temporal.newWorkflowStub(AutomationRunWorkflow.class, options(run))::run, input(run, version, trigger));
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.info("Run {} was already started", run.workflowId());
        }
    }

    /**
     * Delivers an event to a run. Signal-with-start: should the run's workflow not have started
     * yet (its row was committed a moment before), it starts here with the event already in
     * hand; a run that has ended is left alone (its workflow id is never reused).
     */
    public void deliver(AutomationRun run, RunEvent event) {
        AutomationVersion version = automations.versionById(run.versionId());
        RunEvent trigger = triggerOf(run);
        try {
            WorkflowStub stub = temporal.newUntypedWorkflowStub(WORKFLOW_TYPE, options(run));
            stub.signalWithStart(EVENT_SIGNAL, new Object[]{event}, new Object[]{input(run, version, trigger)});
        } catch (WorkflowExecutionAlreadyStarted ended) {
            LOG.debug("Run {} has ended; event {} not delivered", run.workflowId(), event.id());
        }
    }

    /**
     * Starts the workflow of a run the embedded Temporal lost with the last process, at the step
     * it had reached ({@code resume}; null: from its first step).
     */
    public void restart(AutomationRun run, AutomationVersion version, RunResume resume) {
        AutomationRunInput fresh = input(run, version, triggerOf(run));
        AutomationRunInput input = new AutomationRunInput(fresh.runId(), fresh.orgId(), fresh.automationKey(), fresh.version(),
                fresh.userId(), fresh.definition(), fresh.trigger(), fresh.payload(), resume);
        try {
            WorkflowClient.start(temporal.newWorkflowStub(AutomationRunWorkflow.class, options(run))::run, input);
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.info("Run {} is going already", run.workflowId());
        }
    }

    private static RunEvent triggerOf(AutomationRun run) {
        return new RunEvent(run.triggerEventId() == null ? "run-" + run.id() : run.triggerEventId().toString(),
                run.triggerEvent() == null ? "manual" : run.triggerEvent(), run.payload(), run.startedAt().toEpochMilli());
    }

    public void cancel(AutomationRun run) {
        temporal.newUntypedWorkflowStub(run.workflowId()).cancel();
    }

    static AutomationRunInput input(AutomationRun run, AutomationVersion version, RunEvent trigger) {
        return new AutomationRunInput(run.id(), run.orgId(), run.automationKey(), run.version(), run.externalUserId(),
                version.definition(), trigger, run.payload());
    }

    private WorkflowOptions options(AutomationRun run) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(run.workflowId())
                .setTaskQueue(settings.taskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(HeraldSearchAttributes.ORG_ID, run.orgId().toString())
                        .set(HeraldSearchAttributes.KIND, "automation")
                        .set(HeraldSearchAttributes.AUTOMATION, run.automationKey())
                        .set(HeraldSearchAttributes.AUTOMATION_VERSION, String.valueOf(run.version()))
                        .set(HeraldSearchAttributes.USER_ID, run.externalUserId())
                        .build())
                .setStaticSummary("Automation " + run.automationKey() + " v" + run.version() + " for " + run.externalUserId()
                        + (run.triggerEvent() == null ? " (started over REST)" : " (on " + run.triggerEvent() + ")"))
                .setStaticDetails("Run " + run.id() + " of automation " + run.automationKey() + ", version " + run.version())
                .build();
    }

    /** An event as runs see it: the trigger of a run it starts, or a signal to a run waiting for it. */
    static RunEvent runEventOf(dev.herald.workflows.event.DispatchedEvent event) {
        return new RunEvent(event.eventId().toString(), event.name(), event.properties(), event.occurredAtMillis());
    }

    static boolean startable(Automation automation) {
        return automation.status() == dev.herald.domain.automation.AutomationStatus.ACTIVE;
    }
}
