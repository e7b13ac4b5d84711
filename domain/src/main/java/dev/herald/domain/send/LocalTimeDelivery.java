package dev.herald.domain.send;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code deliverAtLocalTime}: each recipient gets the send at the next moment their clock
 * shows that time (today if it is still ahead, else tomorrow). A time a DST change skips
 * is delivered at the moment the clock jumps past it.
 */
public final class LocalTimeDelivery {

    public static final ZoneId FALLBACK_ZONE = ZoneId.of("UTC");

    private LocalTimeDelivery() {
    }

    /** Reads {@code HH:mm}; empty when it is not a time of day. */
    public static Optional<LocalTime> parse(String text) {
        if (text == null || !text.matches("\\d{2}:\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The first instant at or after {@code now} when the local clock in {@code zone} shows {@code at}. */
    public static Instant next(LocalTime at, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant candidate = ZonedDateTime.of(today, at, zone).toInstant();
        if (candidate.isBefore(now)) {
            candidate = ZonedDateTime.of(today.plusDays(1), at, zone).toInstant();
        }
        return candidate;
    }

    /** A recipient's zone from its IANA name; an unknown or missing name falls back to UTC. */
    public static ZoneId zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return FALLBACK_ZONE;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return FALLBACK_ZONE;
        }
    }
}
