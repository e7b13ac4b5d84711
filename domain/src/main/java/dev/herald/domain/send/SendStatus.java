package dev.herald.domain.send;

public enum SendStatus {
    SCHEDULED,
    RUNNING,
    /** A running broadcast an operator paused: nothing new goes out until it is resumed. */
    PAUSED,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
