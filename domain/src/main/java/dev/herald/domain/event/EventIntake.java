package dev.herald.domain.event;

/**
 * The one way into Herald's event log: records an event and hands it to the automations it
 * concerns (it starts the runs it triggers and reaches the runs waiting for it). Anything that
 * records an event — the events API, geofence reports, and Herald's own observations such as
 * {@code push.token_invalidated} — goes through here rather than {@link EventStore} directly.
 * A repeated idempotency key returns the first event and dispatches nothing again.
 */
public interface EventIntake {

    EventStore.Recorded record(EventStore.NewEvent event);
}
