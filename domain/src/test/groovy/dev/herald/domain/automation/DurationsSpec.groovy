package dev.herald.domain.automation

import spock.lang.Specification

import java.time.Duration

class DurationsSpec extends Specification {

    def "'#text' reads as #expected (too long: #tooLong)"() {
        expect:
        Durations.parse(text) == Optional.ofNullable(expected)
        Durations.tooLong(text) == tooLong

        where:
        text                                      || expected                             | tooLong
        '90s'                                     || Duration.ofSeconds(90)               | false
        '1h30m'                                   || Duration.ofMinutes(90)               | false
        ' 3D '                                    || Duration.ofDays(3)                   | false
        '2w'                                      || Duration.ofDays(14)                  | false
        'PT1H'                                    || Duration.ofHours(1)                  | false
        'p3d'                                     || Duration.ofDays(3)                   | false
        'soon'                                    || null                                 | false
        '1 fortnight'                             || null                                 | false
        ''                                        || null                                 | false
        null                                      || null                                 | false
        'P1X'                                     || null                                 | false
        '99999999999999999999d'                   || null                                 | true
        '9223372036854775807d'                    || null                                 | true
        '9223372036854775807s 9223372036854775807s' || null                               | true
        // 7 × this wraps a long round to 5 (days): the weeks must not wrap
        '2635249153387078803w'                    || null                                 | true
        'P99999999999999999999D'                  || null                                 | true
        'PT9223372036854775807H'                  || null                                 | true
        '9223372036854775807s'                    || Duration.ofSeconds(Long.MAX_VALUE)   | false
    }

    def "#duration formats as #text"() {
        expect:
        Durations.format(duration) == text

        where:
        duration                            || text
        Duration.ofMinutes(30)              || '30m'
        Duration.ofHours(26)                || '1d 2h'
        Duration.ZERO                       || '0s'
    }
}
