package dev.herald.domain.send;

import java.util.Locale;
import java.util.Optional;

/**
 * How insistently a notification may interrupt (APNs {@code interruption-level}): passive
 * lands quietly in the list, active is the default, time-sensitive breaks through Focus,
 * critical also through the mute switch (critical alerts, which need Apple's entitlement).
 */
public enum InterruptionLevel {
    PASSIVE,
    ACTIVE,
    TIME_SENSITIVE,
    CRITICAL;

    /** As APNs and the API write it: {@code passive}, {@code active}, {@code time-sensitive}, {@code critical}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<InterruptionLevel> parse(String text) {
        for (InterruptionLevel level : values()) {
            if (level.wireName().equalsIgnoreCase(text.trim().replace('_', '-'))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
