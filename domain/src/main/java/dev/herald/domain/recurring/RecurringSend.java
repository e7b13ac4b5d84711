package dev.herald.domain.recurring;

import dev.herald.domain.send.SendTemplate;

import java.time.Instant;
import java.util.UUID;

/**
 * A send made on a schedule (S3): either a cron expression or a fixed interval, in a time
 * zone. The Temporal Schedule {@code recurring-send-<id>} fires it.
 */
public record RecurringSend(UUID id, UUID orgId, String name, String cron, Long intervalSeconds, String timeZone,
                            SendTemplate template, boolean paused, Instant createdAt, Instant updatedAt) {

    public String scheduleId() {
        return scheduleId(id);
    }

    public static String scheduleId(UUID id) {
        return "recurring-send-" + id;
    }
}
