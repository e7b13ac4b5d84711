package dev.herald.domain.geofence

import spock.lang.Specification

import java.time.Duration
import java.time.Instant

class TransitionDebounceSpec extends Specification {

    static final Instant T = Instant.parse('2026-06-01T12:00:00Z')
    static final Duration W = Duration.ofMinutes(10)

    def "last counted #last, report at #at → counts: #counts"() {
        expect:
        TransitionDebounce.accepts(last, at, W) == counts

        where:
        last | at                                    || counts
        null | T                                     || true
        T    | T                                     || false
        T    | T.plus(Duration.ofMinutes(9))         || false
        T    | T.plus(W)                             || true
        T    | T.plus(Duration.ofHours(3))           || true
        T    | T.minus(Duration.ofMinutes(5))        || false
        T    | T.minus(Duration.ofMinutes(30))       || true
    }
}
