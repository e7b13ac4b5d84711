package dev.herald.domain.policy

import spock.lang.Specification

import java.time.Duration
import java.time.Instant

/** Rolling windows: a send counts while it is less than an hour (a day) old. */
class FrequencyCapSpec extends Specification {

    static final Instant NOW = Instant.parse('2026-06-10T12:00:00Z')

    def "perHour=#perHour perDay=#perDay with earlier sends #minutesAgo minutes ago: reached=#reached"() {
        given:
        def cap = new FrequencyCap(perHour, perDay)
        def earlier = minutesAgo.collect { NOW.minus(Duration.ofMinutes(it)) }

        expect:
        cap.reached(earlier, NOW) == reached

        where:
        perHour | perDay | minutesAgo                || reached
        null    | null   | [1, 2, 3, 4, 5]           || false
        2       | null   | []                        || false
        2       | null   | [10]                      || false
        2       | null   | [10, 50]                  || true
        2       | null   | [10, 59]                  || true
        2       | null   | [10, 60]                  || false  // exactly an hour old: out of the window
        2       | null   | [10, 61, 120, 500]        || false
        1       | 10     | [59]                      || true
        1       | 10     | [61]                      || false
        null    | 3      | [120, 300, 1380]          || true   // 2 h, 5 h, 23 h ago
        null    | 3      | [120, 300, 1440]          || false  // the third is a day old
        null    | 3      | [120, 300, 1439]          || true
        5       | 3      | [120, 180, 1200]          || true   // the hour is fine, the day is full
        5       | 3      | [1, 2, 3, 4]              || true   // the day is full before the hour
        3       | 5      | [1, 2, 90, 100]           || false
        3       | 5      | [1, 2, 3]                 || true
        2       | null   | [-5, 10]                  || false  // a send in the future (clock skew) is not counted
    }

    def "a check looks back as far as its longest window"() {
        expect:
        new FrequencyCap(perHour, perDay).lookBack() == lookBack

        where:
        perHour | perDay || lookBack
        3       | null   || Duration.ofHours(1)
        null    | 3      || Duration.ofDays(1)
        3       | 5      || Duration.ofDays(1)
    }

    def "a cap below 1 is refused"() {
        when:
        new FrequencyCap(perHour, perDay)

        then:
        thrown(IllegalArgumentException)

        where:
        perHour | perDay
        0       | null
        null    | -1
    }
}
