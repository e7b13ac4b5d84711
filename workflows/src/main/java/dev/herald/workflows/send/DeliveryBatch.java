package dev.herald.workflows.send;

import java.util.UUID;

/**
 * One page of a send's recipients: the devices after {@code afterDeviceId}, at most
 * {@code limit}. Activities get a cursor, never a list of ids, so payloads stay small.
 */
public record DeliveryBatch(UUID sendId, UUID afterDeviceId, int limit) {
}
