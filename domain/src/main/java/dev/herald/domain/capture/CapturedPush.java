package dev.herald.domain.capture;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A push the capture provider recorded instead of sending (S4). */
@Serdeable
public record CapturedPush(long id,
                           UUID appId,
                           UUID sendId,
                           UUID deviceId,
                           String provider,
                           String token,
                           Map<String, Object> headers,
                           Map<String, Object> payload,
                           Instant capturedAt) {
}
