package dev.herald.domain.automation;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Local times of day in a user's time zone. */
public final class LocalTimes {

    private LocalTimes() {
    }

    /**
     * The first instant at or after {@code from} when the clock in {@code zone} shows {@code at}.
     * On a day when that time does not exist (a DST gap) it moves on by the gap: 02:30 becomes 03:30.
     */
    public static Instant nextAt(Instant from, ZoneId zone, LocalTime at) {
        ZonedDateTime local = from.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), at, zone);
        if (candidate.toInstant().isBefore(from)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), at, zone);
        }
        return candidate.toInstant();
    }
}
