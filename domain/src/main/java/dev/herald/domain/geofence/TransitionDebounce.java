package dev.herald.domain.geofence;

import java.time.Duration;
import java.time.Instant;

/**
 * A flapping boundary (a user standing at a fence's edge) reports enter, exit, enter, … in
 * quick succession. Per user, fence and kind of transition, only the first report within the
 * window becomes an event.
 */
public final class TransitionDebounce {

    public static final Duration WINDOW = Duration.ofMinutes(10);

    private TransitionDebounce() {
    }

    /** Whether a report at {@code at} counts, given when the same transition last counted (null: never). */
    public static boolean accepts(Instant lastAccepted, Instant at, Duration window) {
        return lastAccepted == null || !at.isBefore(lastAccepted.plus(window)) || at.isBefore(lastAccepted.minus(window));
    }
}
