package dev.herald.api.event;

import dev.herald.api.temporal.TemporalSettings;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.event.Event;
import dev.herald.domain.event.EventDispatchUnavailable;
import dev.herald.workflows.common.HeraldSearchAttributes;
import dev.herald.workflows.event.DispatchedEvent;
import dev.herald.workflows.event.EventDispatchWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the dispatch workflow {@code event-<eventId>} of a recorded event, when anything
 * listens for it: an active automation it triggers, or a run of its user waiting for it.
 * Idempotent: a dispatch that started (or finished) is found again, never repeated.
 */
@Singleton
public class EventDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatch.class);

    private final WorkflowClient temporal;
    private final TemporalSettings settings;
    private final AutomationStore automations;
    private final RunStore runs;

    public EventDispatch(WorkflowClient temporal, TemporalSettings settings, AutomationStore automations, RunStore runs) {
        this.temporal = temporal;
        this.settings = settings;
        this.automations = automations;
        this.runs = runs;
    }

    /** Answers whether a dispatch exists for the event (false: nothing listens for it). */
    public boolean ensure(Event event) {
        if (event.userId() == null || !listened(event)) {
            return false;
        }
        DispatchedEvent dispatched = new DispatchedEvent(event.id(), event.orgId(), event.userId(), event.name(),
                event.properties(), event.occurredAt().toEpochMilli());
        try {
            WorkflowClient.start(temporal.newWorkflowStub(EventDispatchWorkflow.class, options(event))::dispatch, dispatched);
        } catch (WorkflowExecutionAlreadyStarted alreadyDispatched) {
            LOG.debug("Event {} is dispatched already", event.id());
        } catch (RuntimeException e) {
            LOG.error("Could not start the dispatch of event {}", event.id(), e);
            throw new EventDispatchUnavailable(event, e);
        }
        return true;
    }

    private boolean listened(Event event) {
        return automations.anyTriggeredBy(event.orgId(), event.name()) || runs.anyListening(event.orgId(), event.userId(), event.name());
    }

    private WorkflowOptions options(Event event) {
        SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
                .set(HeraldSearchAttributes.ORG_ID, event.orgId().toString())
                .set(HeraldSearchAttributes.KIND, "event");
        if (event.appId() != null) {
            attributes.set(HeraldSearchAttributes.APP_ID, event.appId().toString());
        }
        return WorkflowOptions.newBuilder()
                .setWorkflowId(DispatchedEvent.workflowId(event.id()))
                .setTaskQueue(settings.taskQueue())
                // a dispatch that ended is not run again; one that failed may be, as all it does is idempotent
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(attributes.build())
                .setStaticSummary("Event " + event.name() + " (" + event.source().name().toLowerCase(java.util.Locale.ROOT)
                        + ") to the automations listening for it")
                .setStaticDetails("Event " + event.id() + " of user " + event.userId())
                .build();
    }
}
