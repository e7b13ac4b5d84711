package dev.herald.workflows.send;

import java.time.Instant;
import java.util.UUID;

/**
 * One page of a send's recipients: the devices with {@code afterDeviceId < id <= upTo}, at
 * most {@code limit}; with {@code dueAt}, the devices deferred to that instant instead.
 * Activities get a cursor, never a list of ids, so payloads stay small.
 */
public record DeliveryBatch(UUID sendId, Instant dueAt, UUID afterDeviceId, UUID upTo, int limit) {
}
