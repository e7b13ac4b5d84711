package dev.herald.domain.send;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored send. {@code targetedUsers} counts the users (or devices, for a token send)
 * addressed when it was created; an audience is counted when the send starts.
 * {@code audience} is the filter JSON of an audience send, frozen when it starts;
 * {@code targetedDevices} the devices it targeted then; {@code failureReason} why a failed send failed.
 */
@MappedEntity("sends")
public record Send(@Id UUID id,
                   UUID orgId,
                   SendStatus status,
                   @TypeDef(type = DataType.JSON) PushContent content,
                   int targetedUsers,
                   @Nullable Instant scheduledFor,
                   Instant createdAt,
                   @Nullable Instant startedAt,
                   @Nullable Instant finishedAt,
                   SendTarget.Kind targetKind,
                   @Nullable UUID segmentId,
                   @Nullable @TypeDef(type = DataType.STRING) String audience,
                   @Nullable String deliverAtLocalTime,
                   @Nullable Integer ratePerSecond,
                   @Nullable UUID recurringSendId,
                   @Nullable String failureReason,
                   @Nullable Integer targetedDevices) {

    public String workflowId() {
        return workflowId(id);
    }

    public static String workflowId(UUID sendId) {
        return "send-" + sendId;
    }
}
