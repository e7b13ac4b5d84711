package dev.herald.domain.liveactivity

import spock.lang.Specification

import java.time.Duration
import java.time.Instant

class UpdateCoalescingSpec extends Specification {

    static final Instant T = Instant.parse('2026-05-01T12:00:00Z')
    static final Duration INTERVAL = Duration.ofSeconds(15)

    static StateUpdate update(Map state, Integer priority = null, LiveActivityAlert alert = null, Instant stale = null,
                              Double score = null, Instant timestamp = T) {
        new StateUpdate(state, alert, stale, score, priority, timestamp)
    }

    def "an update at #timestamp after one at #last is stale: #stale"() {
        expect:
        UpdateCoalescing.isStale(timestamp, last) == stale

        where:
        timestamp           | last                || stale
        T                   | null                || false
        null                | T                   || false
        T.plusSeconds(1)    | T                   || false
        T                   | T                   || false
        T.minusMillis(1)    | T                   || true
    }

    def "merging keeps the newer state and timestamp, the higher priority, and what the newer one leaves out"() {
        given:
        def alert = new LiveActivityAlert('Goal', null, null)

        expect:
        UpdateCoalescing.merge(waiting, next) == merged

        where:
        waiting                                                       | next                                                   || merged
        null                                                          | update([a: 1], 5)                                      || update([a: 1], 5)
        update([a: 1], 5)                                             | update([a: 2], 5, null, null, null, T.plusSeconds(1)) || update([a: 2], 5, null, null, null, T.plusSeconds(1))
        update([a: 1], 10)                                            | update([a: 2], 5)                                      || update([a: 2], 10)
        update([a: 1], 5)                                             | update([a: 2])                                         || update([a: 2], 10)
        update([a: 1], null, new LiveActivityAlert('Goal', null, null)) | update([a: 2])                                       || update([a: 2], 10, new LiveActivityAlert('Goal', null, null))
        update([a: 1], null, null, T.plusSeconds(60), 0.5)            | update([a: 2], null, null, null, 0.9)                 || update([a: 2], 10, null, T.plusSeconds(60), 0.9)
    }

    def "a #priority update after a high-priority push #sinceLast ago is due #expected"() {
        expect:
        UpdateCoalescing.dueAt(update([a: 1], priority), sinceLast == null ? null : T.minus(sinceLast), INTERVAL, T) == expected

        where:
        priority | sinceLast               || expected
        10       | null                    || T
        10       | Duration.ofSeconds(20)  || T
        10       | Duration.ofSeconds(15)  || T
        10       | Duration.ofSeconds(5)   || T.plusSeconds(10)
        null     | Duration.ofSeconds(1)   || T.plusSeconds(14)
        5        | Duration.ofSeconds(1)   || T
    }
}
