package dev.herald.domain.policy;

import java.time.Instant;

/** What the delivery policies say about one recipient device (S5). */
public sealed interface PolicyDecision {

    String QUIET_HOURS = "quiet_hours";
    String FREQUENCY_CAP = "frequency_cap";

    record Deliver() implements PolicyDecision {
    }

    /** Not sent, and recorded in the ledger with {@code reason}. */
    record Suppress(String reason) implements PolicyDecision {
    }

    /** Held back until {@code until}, when the policies are asked again. */
    record Defer(Instant until, String reason) implements PolicyDecision {
    }

    static PolicyDecision deliver() {
        return new Deliver();
    }
}
