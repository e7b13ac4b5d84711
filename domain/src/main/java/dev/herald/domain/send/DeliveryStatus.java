package dev.herald.domain.send;

/** Outcome of one send to one device, as recorded in the ledger. */
public enum DeliveryStatus {
    /** Recorded, not yet answered by the provider; a retried batch sends these again. */
    PENDING,
    ACCEPTED,
    FAILED,
    SUPPRESSED,
    DEFERRED;

    /**
     * Whether the push may be on the device, so an open of it can be real: accepted, or pending
     * (the provider may deliver it before its answer is recorded). Suppressed, deferred and
     * failed pushes never reached it.
     */
    public boolean mayHaveReachedDevice() {
        return this == ACCEPTED || this == PENDING;
    }

    public boolean settled() {
        return this != PENDING && this != DEFERRED;
    }
}
