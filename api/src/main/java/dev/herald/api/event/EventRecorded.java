package dev.herald.api.event;

import dev.herald.domain.event.Event;

/** Published when a new event is stored; listeners run after the storing transaction commits. */
public record EventRecorded(Event event) {
}
