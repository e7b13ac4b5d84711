package dev.herald.domain.capture;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A push the capture provider recorded instead of sending (S4): one of a send
 * ({@code sendId}) or of a live activity ({@code liveActivityId}).
 */
@Serdeable
public record CapturedPush(long id,
                           UUID appId,
                           @Nullable UUID sendId,
                           @Nullable UUID liveActivityId,
                           UUID deviceId,
                           String provider,
                           String token,
                           Map<String, Object> headers,
                           Map<String, Object> payload,
                           Instant capturedAt) {
}
