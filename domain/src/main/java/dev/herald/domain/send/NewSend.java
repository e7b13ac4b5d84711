package dev.herald.domain.send;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything a new send needs. {@code deliverAtLocalTime} delivers to each recipient at that
 * time of day in their timezone; {@code ratePerSecond} paces delivery (devices per second).
 */
public record NewSend(UUID orgId,
                      PushContent content,
                      SendTarget target,
                      Instant scheduledFor,
                      LocalTime deliverAtLocalTime,
                      Integer ratePerSecond,
                      UUID recurringSendId) {

    /** The simplest send: content to some users, now. */
    public static NewSend toUsers(UUID orgId, PushContent content, List<String> externalUserIds) {
        return new NewSend(orgId, content, new SendTarget.Users(externalUserIds), null, null, null, null);
    }
}
