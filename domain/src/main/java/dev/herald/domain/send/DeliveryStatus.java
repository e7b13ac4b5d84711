package dev.herald.domain.send;

/** Outcome of one send to one device, as recorded in the ledger. */
public enum DeliveryStatus {
    /** Recorded, not yet answered by the provider; a retried batch sends these again. */
    PENDING,
    ACCEPTED,
    FAILED,
    SUPPRESSED,
    DEFERRED;

    public boolean settled() {
        return this != PENDING && this != DEFERRED;
    }
}
