package dev.herald.domain.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily window of local hours, {@code [startHour:00, endHour:00)}, in which an app sends no
 * marketing push (S5). The window may wrap midnight (22 → 7). It is judged on the recipient's
 * wall clock, so it follows that zone's DST changes: on a spring-forward day an end hour that
 * does not exist locally ends the window at the first instant after the gap.
 */
public record QuietHours(int startHour, int endHour) {

    public QuietHours {
        if (startHour < 0 || startHour > 23 || endHour < 0 || endHour > 23) {
            throw new IllegalArgumentException("quiet hours are whole hours 0–23");
        }
        if (startHour == endHour) {
            throw new IllegalArgumentException("a quiet-hours window needs different start and end hours");
        }
    }

    public boolean wrapsMidnight() {
        return startHour > endHour;
    }

    public boolean contains(Instant at, ZoneId zone) {
        int hour = at.atZone(zone).getHour();
        return wrapsMidnight()
                ? hour >= startHour || hour < endHour
                : hour >= startHour && hour < endHour;
    }

    /** When the window that {@code at} falls in ends; empty when {@code at} is outside quiet hours. */
    public Optional<Instant> windowEnd(Instant at, ZoneId zone) {
        if (!contains(at, zone)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate endDay = local.getHour() >= endHour ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        // ZonedDateTime.of moves a time inside a DST gap forward by the gap, and takes the
        // earlier of two repeated times: the window ends at the first moment the clock shows endHour
        return Optional.of(ZonedDateTime.of(endDay, LocalTime.of(endHour, 0), zone).toInstant());
    }
}
