package dev.herald.workflows.event;

import java.util.Map;
import java.util.UUID;

/**
 * An event as its dispatch sees it: all that matching needs travels in the workflow's input,
 * so dispatch never reads the event log (a caller may still be committing the event when the
 * dispatch's first activity runs).
 *
 * @param userId Herald's internal id of the event's user
 */
public record DispatchedEvent(UUID eventId, UUID orgId, UUID userId, String name, Map<String, Object> properties,
                              long occurredAtMillis) {

    public String workflowId() {
        return workflowId(eventId);
    }

    /** One dispatch per event, ever: the id is what makes a repeated request find the first dispatch. */
    public static String workflowId(UUID eventId) {
        return "event-" + eventId;
    }
}
