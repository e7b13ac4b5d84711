package dev.herald.api.event;

import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventStore;
import jakarta.inject.Singleton;

/**
 * Records an event, then makes sure of its dispatch (see {@link EventDispatch}). Called outside
 * a transaction, the event is committed first, so a failed dispatch leaves it recorded for a
 * retry with the same idempotency key; inside a caller's transaction, a failed dispatch rolls
 * the caller's work back with the event, and the caller's retry records both again.
 */
@Singleton
public class RecordingEventIntake implements EventIntake {

    private final EventStore store;
    private final EventDispatch dispatch;

    public RecordingEventIntake(EventStore store, EventDispatch dispatch) {
        this.store = store;
        this.dispatch = dispatch;
    }

    @Override
    public EventStore.Recorded record(EventStore.NewEvent event) {
        EventStore.Recorded recorded = store.record(event);
        // a repeated idempotency key re-ensures the first event's dispatch: its first attempt may have failed
        dispatch.ensure(recorded.event());
        return recorded;
    }
}
