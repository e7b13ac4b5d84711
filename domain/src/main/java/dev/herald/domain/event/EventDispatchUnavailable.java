package dev.herald.domain.event;

/**
 * The event is recorded but its dispatch to automations could not be started (Temporal is not
 * reachable). Recording it again with the same idempotency key makes sure of the dispatch.
 */
public class EventDispatchUnavailable extends RuntimeException {

    public EventDispatchUnavailable(Event event, Throwable cause) {
        super("Event " + event.id() + " is recorded but could not be handed to automations; Temporal is not reachable", cause);
    }
}
