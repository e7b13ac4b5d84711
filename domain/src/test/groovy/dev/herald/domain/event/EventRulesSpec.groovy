package dev.herald.domain.event

import spock.lang.Specification

import java.time.Duration
import java.time.Instant

class EventRulesSpec extends Specification {

    static final Instant NOW = Instant.parse('2026-06-01T12:00:00Z')

    def "event #name at #time → #fields"() {
        expect:
        EventRules.validate(name, time, NOW)*.field == fields

        where:
        name                    | time                                       || fields
        'cart.updated'          | null                                       || []
        'checkout:completed-v2' | NOW.minus(Duration.ofDays(30))             || []
        'user_signed_up'        | NOW.plus(Duration.ofMinutes(59))           || []
        null                    | null                                       || ['name']
        '  '                    | null                                       || ['name']
        'has space'             | null                                       || ['name']
        '.starts.with.dot'      | null                                       || ['name']
        'x' * 129               | null                                       || ['name']
        'push.opened'           | null                                       || ['name']
        'geofence.entered'      | null                                       || ['name']
        'auth.device_takeover'  | null                                       || ['name']
        'cart.updated'          | NOW.plus(Duration.ofHours(2))              || ['time']
    }
}
