package dev.herald.domain.send

import spock.lang.Specification

import java.time.Instant
import java.time.LocalTime
import java.time.ZoneId

class LocalTimeDeliverySpec extends Specification {

    def "09:00 in #zone, seen at #now, is #expected"() {
        expect:
        LocalTimeDelivery.next(LocalTime.of(9, 0), ZoneId.of(zone), Instant.parse(now)) == Instant.parse(expected)

        where:
        zone                  | now                    || expected
        'Europe/Berlin'       | '2026-01-15T06:00:00Z' || '2026-01-15T08:00:00Z'
        'Europe/Berlin'       | '2026-01-15T08:00:00Z' || '2026-01-15T08:00:00Z'
        'Europe/Berlin'       | '2026-01-15T08:00:01Z' || '2026-01-16T08:00:00Z'
        'Europe/Berlin'       | '2026-07-15T06:00:00Z' || '2026-07-15T07:00:00Z'
        'America/New_York'    | '2026-01-15T06:00:00Z' || '2026-01-15T14:00:00Z'
        'Asia/Kolkata'        | '2026-01-15T06:00:00Z' || '2026-01-16T03:30:00Z'
        'Pacific/Kiritimati'  | '2026-01-15T06:00:00Z' || '2026-01-15T19:00:00Z'
        'UTC'                 | '2026-01-15T23:59:00Z' || '2026-01-16T09:00:00Z'
    }

    def "a time a DST change skips is delivered when the clock jumps past it"() {
        expect: '02:30 does not exist in Berlin on 2026-03-29; clocks go from 02:00 to 03:00 (01:00 UTC)'
        LocalTimeDelivery.next(LocalTime.of(2, 30), ZoneId.of('Europe/Berlin'), Instant.parse('2026-03-28T23:00:00Z')) ==
                Instant.parse('2026-03-29T01:30:00Z')
    }

    def "#text parses as #expected"() {
        expect:
        LocalTimeDelivery.parse(text).orElse(null) == expected

        where:
        text    || expected
        '09:00' || LocalTime.of(9, 0)
        '23:59' || LocalTime.of(23, 59)
        '24:00' || null
        '9:00'  || null
        '09:60' || null
        'nine'  || null
        null    || null
    }

    def "a timezone Herald cannot read falls back to UTC"() {
        expect:
        LocalTimeDelivery.zoneOf(name) == ZoneId.of(expected)

        where:
        name            || expected
        'Europe/Berlin' || 'Europe/Berlin'
        'Mars/Olympus'  || 'UTC'
        null            || 'UTC'
    }
}
