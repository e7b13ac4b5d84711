package dev.herald.api.event;

import dev.herald.domain.event.EventIntake;
import dev.herald.domain.event.EventStore;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Records an event and announces it; the announcement is handled after the transaction
 * commits (see {@link EventRecorded}), so dispatch never sees an event that was rolled back.
 */
@Singleton
public class RecordingEventIntake implements EventIntake {

    private final EventStore store;
    private final ApplicationEventPublisher<EventRecorded> publisher;

    public RecordingEventIntake(EventStore store, ApplicationEventPublisher<EventRecorded> publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @Override
    @Transactional
    public EventStore.Recorded record(EventStore.NewEvent event) {
        EventStore.Recorded recorded = store.record(event);
        if (recorded.created()) {
            publisher.publishEvent(new EventRecorded(recorded.event()));
        }
        return recorded;
    }
}
