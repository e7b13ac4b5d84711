package dev.herald.workflows.event;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Hands one recorded event to automations (workflow id {@code event-<eventId>}): first to the
 * user's runs waiting for it (their goal, or a step that waits for it), then to the automations
 * it triggers. Started by the event intake once the event is recorded, and only when something
 * listens for it, so an event is never lost to automations between recording and dispatch.
 */
@WorkflowInterface
public interface EventDispatchWorkflow {

    @WorkflowMethod
    DispatchResult dispatch(DispatchedEvent event);
}
