package dev.herald.domain.send;

import java.time.Instant;

/**
 * What the delivery policies decide for one recipient device: deliver now (with the content
 * it should get), suppress it with a reason, or defer it until an instant (with a reason).
 */
public sealed interface DeliveryDecision {

    record Deliver(PushContent content) implements DeliveryDecision {
    }

    record Suppress(String reason) implements DeliveryDecision {
    }

    record Defer(Instant until, String reason) implements DeliveryDecision {
    }
}
