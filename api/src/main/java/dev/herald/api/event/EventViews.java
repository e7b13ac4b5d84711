package dev.herald.api.event;

import dev.herald.domain.event.Event;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

public final class EventViews {

    private EventViews() {
    }

    @Serdeable
    public record EventView(UUID id, String userId, String name, Map<String, Object> properties, String source,
                            Instant time, Instant receivedAt) {
        public static EventView of(Event e, String externalUserId) {
            return new EventView(e.id(), externalUserId, e.name(), e.properties(), e.source().name().toLowerCase(Locale.ROOT),
                    e.occurredAt(), e.receivedAt());
        }
    }
}
