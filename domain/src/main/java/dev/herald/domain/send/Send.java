package dev.herald.domain.send;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("sends")
public record Send(@Id UUID id,
                   UUID orgId,
                   SendStatus status,
                   @TypeDef(type = DataType.JSON) PushContent content,
                   int targetedUsers,
                   @Nullable Instant scheduledFor,
                   Instant createdAt,
                   @Nullable Instant startedAt,
                   @Nullable Instant finishedAt) {

    public String workflowId() {
        return workflowId(id);
    }

    public static String workflowId(UUID sendId) {
        return "send-" + sendId;
    }
}
