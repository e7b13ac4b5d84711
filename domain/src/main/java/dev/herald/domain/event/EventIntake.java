package dev.herald.domain.event;

/**
 * The one way into Herald's event log: records an event and makes sure it reaches the
 * automations it concerns (it starts the runs it triggers and reaches the runs waiting for it).
 * Anything that records an event — the events API, geofence reports, and Herald's own
 * observations such as {@code push.token_invalidated} — goes through here rather than
 * {@link EventStore} directly.
 * <p>
 * The hand-over is durable: when anything listens for the event, a dispatch workflow
 * {@code event-<eventId>} is started before this returns. Should that fail,
 * {@link EventDispatchUnavailable} is thrown with the event recorded (or, inside a caller's
 * transaction, rolled back with it); recording again with the same idempotency key returns the
 * first event and makes sure of its dispatch, which never runs twice.
 */
public interface EventIntake {

    EventStore.Recorded record(EventStore.NewEvent event);
}
