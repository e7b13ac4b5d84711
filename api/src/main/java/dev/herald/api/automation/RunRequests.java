package dev.herald.api.automation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

import java.util.Map;

public final class RunRequests {

    private RunRequests() {
    }

    /** Starts a run for a user; {@code payload} is what the definition reads as {@code event.*}. */
    @Serdeable
    public record StartRun(@Nullable @Size(max = 256) String userId, @Nullable @Size(max = 100) Map<String, Object> payload) {
    }
}
