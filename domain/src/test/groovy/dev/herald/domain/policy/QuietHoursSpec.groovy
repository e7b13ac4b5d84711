package dev.herald.domain.policy

import spock.lang.Specification

import java.time.Instant
import java.time.ZoneId

/**
 * Quiet hours on the recipient's wall clock. Expected ends are worked out by hand from the
 * zones' rules, e.g. New York springs forward on 2026-03-08 at 02:00 (UTC−5 → UTC−4) and
 * Berlin on 2026-03-29 at 02:00 (UTC+1 → UTC+2); New York falls back on 2026-11-01 at 02:00.
 */
class QuietHoursSpec extends Specification {

    def "#start–#end in #zone at #at (#local): inside=#inside, ends #end_"() {
        given:
        def window = new QuietHours(start, end)
        def instant = Instant.parse(at)

        expect:
        window.contains(instant, ZoneId.of(zone)) == inside
        window.windowEnd(instant, ZoneId.of(zone)) == Optional.ofNullable(end_ ? Instant.parse(end_) : null)

        where:
        start | end | zone               | at                     | local                          || inside | end_
        // a window that wraps midnight, on an ordinary day in several zones
        22    | 7   | 'Europe/Berlin'    | '2026-06-10T21:30:00Z' | '23:30 CEST'                   || true   | '2026-06-11T05:00:00Z'
        22    | 7   | 'Europe/Berlin'    | '2026-06-11T03:00:00Z' | '05:00 CEST, after midnight'   || true   | '2026-06-11T05:00:00Z'
        22    | 7   | 'Europe/Berlin'    | '2026-06-11T05:00:00Z' | '07:00 CEST: the end is open'  || false  | null
        22    | 7   | 'Europe/Berlin'    | '2026-06-10T20:00:00Z' | '22:00 CEST: the start is in'  || true   | '2026-06-11T05:00:00Z'
        22    | 7   | 'Europe/Berlin'    | '2026-06-10T19:59:00Z' | '21:59 CEST'                   || false  | null
        22    | 7   | 'America/New_York' | '2026-06-10T21:30:00Z' | '17:30 EDT'                    || false  | null
        22    | 7   | 'America/New_York' | '2026-06-11T03:00:00Z' | '23:00 EDT'                    || true   | '2026-06-11T11:00:00Z'
        22    | 7   | 'Asia/Kolkata'     | '2026-06-10T17:00:00Z' | '22:30 IST (UTC+5:30)'         || true   | '2026-06-11T01:30:00Z'
        22    | 7   | 'UTC'              | '2026-06-10T06:59:59Z' | '06:59:59'                     || true   | '2026-06-10T07:00:00Z'
        // a window inside one day
        13    | 15  | 'Asia/Tokyo'       | '2026-06-10T04:30:00Z' | '13:30 JST'                    || true   | '2026-06-10T06:00:00Z'
        13    | 15  | 'Asia/Tokyo'       | '2026-06-10T06:00:00Z' | '15:00 JST'                    || false  | null
        0     | 6   | 'Australia/Sydney' | '2026-06-10T19:00:00Z' | '05:00 AEST'                   || true   | '2026-06-10T20:00:00Z'
        // New York springs forward: the night is an hour shorter in UTC
        22    | 7   | 'America/New_York' | '2026-03-08T03:00:00Z' | 'Mar 7 22:00 EST'              || true   | '2026-03-08T11:00:00Z'
        22    | 7   | 'America/New_York' | '2026-03-08T06:30:00Z' | '01:30 EST, before the jump'   || true   | '2026-03-08T11:00:00Z'
        22    | 7   | 'America/New_York' | '2026-03-08T07:30:00Z' | '03:30 EDT, after the jump'    || true   | '2026-03-08T11:00:00Z'
        // an end hour that the spring-forward day skips ends at the first instant after the gap
        0     | 2   | 'America/New_York' | '2026-03-08T06:30:00Z' | '01:30 EST'                    || true   | '2026-03-08T07:00:00Z'
        0     | 2   | 'America/New_York' | '2026-03-08T07:00:00Z' | '03:00 EDT'                    || false  | null
        // Berlin springs forward
        22    | 8   | 'Europe/Berlin'    | '2026-03-28T22:30:00Z' | 'Mar 28 23:30 CET'             || true   | '2026-03-29T06:00:00Z'
        1     | 3   | 'Europe/Berlin'    | '2026-03-29T00:30:00Z' | '01:30 CET'                    || true   | '2026-03-29T01:00:00Z'
        1     | 3   | 'Europe/Berlin'    | '2026-03-29T01:00:00Z' | '03:00 CEST'                   || false  | null
        2     | 4   | 'Europe/Berlin'    | '2026-03-29T00:59:00Z' | '01:59 CET: 02:00 never comes' || false  | null
        2     | 4   | 'Europe/Berlin'    | '2026-03-29T01:00:00Z' | '03:00 CEST'                   || true   | '2026-03-29T02:00:00Z'
        // New York falls back: the window ends at the first 01:00, the repeated hour is outside
        22    | 1   | 'America/New_York' | '2026-11-01T04:30:00Z' | '00:30 EDT'                    || true   | '2026-11-01T05:00:00Z'
        22    | 1   | 'America/New_York' | '2026-11-01T05:30:00Z' | '01:30 EDT'                    || false  | null
        22    | 1   | 'America/New_York' | '2026-11-01T06:30:00Z' | '01:30 EST, the second time'   || false  | null
        22    | 7   | 'America/New_York' | '2026-11-01T03:00:00Z' | 'Oct 31 23:00 EDT'             || true   | '2026-11-01T12:00:00Z'
    }

    def "hours outside 0–23 or an empty window are refused"() {
        when:
        new QuietHours(start, end)

        then:
        thrown(IllegalArgumentException)

        where:
        start | end
        -1    | 7
        22    | 24
        5     | 5
    }
}
