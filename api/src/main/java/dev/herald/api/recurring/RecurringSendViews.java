package dev.herald.api.recurring;

import dev.herald.domain.recurring.RecurringSend;
import dev.herald.domain.send.SendTemplate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class RecurringSendViews {

    private RecurringSendViews() {
    }

    /** A recurring send and, when Temporal can tell, its next firing times. */
    @Serdeable
    public record RecurringSendView(UUID id, String name, @Nullable String cron, @Nullable Long intervalSeconds, String timeZone,
                                    boolean paused, SendTemplate send, String scheduleId, String temporalUrl,
                                    @Nullable List<Instant> nextFirings, Instant createdAt, Instant updatedAt) {
        static RecurringSendView of(RecurringSend r, String temporalUrl, List<Instant> nextFirings) {
            return new RecurringSendView(r.id(), r.name(), r.cron(), r.intervalSeconds(), r.timeZone() == null ? "UTC" : r.timeZone(),
                    r.paused(), r.template(), r.scheduleId(), temporalUrl, nextFirings, r.createdAt(), r.updatedAt());
        }
    }
}
