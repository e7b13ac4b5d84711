package dev.herald.api.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

public final class EventRequests {

    private EventRequests() {
    }

    /**
     * Something a user did. {@code userId} is required with an API key; a session reports for
     * its own user. {@code time} defaults to now.
     */
    @Serdeable
    public record RecordEvent(@Nullable @Size(max = 256) String userId,
                              @Nullable String name,
                              @Nullable @Size(max = 100) Map<String, Object> properties,
                              @Nullable Instant time) {
    }
}
