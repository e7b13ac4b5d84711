package dev.herald.domain.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * How many pushes one user may get from an app in the last rolling hour and day (S5); null
 * means no limit. Counts are of earlier sends that were not suppressed, each send once however
 * many devices it reached.
 */
public record FrequencyCap(Integer perHour, Integer perDay) {

    public static final FrequencyCap NONE = new FrequencyCap(null, null);

    public FrequencyCap {
        if ((perHour != null && perHour < 1) || (perDay != null && perDay < 1)) {
            throw new IllegalArgumentException("a frequency cap is at least 1");
        }
    }

    public boolean limited() {
        return perHour != null || perDay != null;
    }

    /** The longest window a check looks back over, so callers load only what matters. */
    public Duration lookBack() {
        return perDay != null ? Duration.ofDays(1) : Duration.ofHours(1);
    }

    /** True when one more push at {@code now} would exceed a cap, given when the user's earlier sends went out. */
    public boolean reached(Collection<Instant> earlierSends, Instant now) {
        return reached(perHour, earlierSends, now.minus(Duration.ofHours(1)), now)
                || reached(perDay, earlierSends, now.minus(Duration.ofDays(1)), now);
    }

    /** A send exactly one window ago has left the window: windows are (now − length, now]. */
    private static boolean reached(Integer cap, Collection<Instant> sends, Instant after, Instant now) {
        if (cap == null) {
            return false;
        }
        long inWindow = sends.stream().filter(t -> t.isAfter(after) && !t.isAfter(now)).count();
        return inWindow >= cap;
    }
}
