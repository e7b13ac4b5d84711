package dev.herald.api.recurring;

import dev.herald.api.send.SendRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public final class RecurringSendRequests {

    private RecurringSendRequests() {
    }

    /**
     * A send to make on a schedule: exactly one of {@code cron} (5 fields, or @daily, @hourly…)
     * or {@code intervalSeconds}, in {@code timeZone} (default UTC), and the {@code send} to
     * make each time (as for POST /v1/sends, without scheduledFor).
     */
    @Serdeable
    public record CreateRecurringSend(@NotBlank @Size(max = 200) String name,
                                      @Nullable @Size(max = 200) String cron,
                                      @Nullable Long intervalSeconds,
                                      @Nullable @Size(max = 64) String timeZone,
                                      @Nullable @Valid SendRequests.CreateSend send) {
    }
}
