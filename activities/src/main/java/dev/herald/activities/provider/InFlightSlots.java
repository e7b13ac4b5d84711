package dev.herald.activities.provider;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Waiting for a slot under a push client's in-flight bound without going silent. */
public final class InFlightSlots {

    /** Well under the delivery activity's heartbeat timeout, as with the rate limit's waits. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

    private InFlightSlots() {
    }

    /** Takes one slot of {@code slots}, running {@code heartbeat} after each {@link #HEARTBEAT_EVERY} spent waiting. */
    public static void acquire(Semaphore slots, Runnable heartbeat) {
        try {
            while (!slots.tryAcquire(HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                heartbeat.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a push slot", e);
        }
    }
}
