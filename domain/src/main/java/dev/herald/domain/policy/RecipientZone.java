package dev.herald.domain.policy;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The time zone a recipient's local times are judged in: the device's, else the user's, else the app's default. */
public final class RecipientZone {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private RecipientZone() {
    }

    public static ZoneId resolve(String deviceTimezone, String userTimezone, String appDefaultTimezone) {
        for (String candidate : new String[]{deviceTimezone, userTimezone, appDefaultTimezone}) {
            ZoneId zone = parse(candidate);
            if (zone != null) {
                return zone;
            }
        }
        return UTC;
    }

    /** Stored zones were validated on the way in; a zone the JVM no longer knows falls through to the next. */
    private static ZoneId parse(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
