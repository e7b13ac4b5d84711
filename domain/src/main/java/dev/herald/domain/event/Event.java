package dev.herald.domain.event;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Something a user did or Herald observed about them, as stored. */
public record Event(UUID id,
                    UUID orgId,
                    @Nullable UUID appId,
                    @Nullable UUID userId,
                    String name,
                    Map<String, Object> properties,
                    EventSource source,
                    @Nullable String idempotencyKey,
                    Instant occurredAt,
                    Instant receivedAt) {

    /** Events Herald records itself. */
    public static final String TOKEN_INVALIDATED = "push.token_invalidated";
    public static final String PUSH_OPENED = "push.opened";
    public static final String PUSH_CLICKED = "push.clicked";
    public static final String DEVICE_TAKEOVER = "auth.device_takeover";

    /** Properties of {@code push.opened} / {@code push.clicked}: the send, and for a push of an automation its key, run and step. */
    public static final String SEND_ID = "sendId";
    public static final String AUTOMATION = "automation";
    public static final String AUTOMATION_RUN_ID = "automationRunId";
    public static final String AUTOMATION_STEP = "automationStep";
}
