package dev.herald.domain.policy

import spock.lang.Specification

import java.time.Duration

class TokenBucketSpec extends Specification {

    static final long SECOND = 1_000_000_000L

    def "at #rate/s with room for #capacity, #takes takes at once wait #lastWait for the last"() {
        given:
        def bucket = TokenBucket.full(rate, capacity, 0)
        Duration wait = null

        when:
        takes.times {
            def taken = bucket.take(0)
            bucket = taken.bucket()
            wait = taken.waitFor()
        }

        then:
        wait == lastWait

        where:
        rate | capacity | takes || lastWait
        10   | 10       | 10    || Duration.ZERO
        10   | 10       | 11    || Duration.ofMillis(100)
        10   | 10       | 30    || Duration.ofSeconds(2)
        100  | 1        | 2     || Duration.ofMillis(10)
        1    | 5        | 6     || Duration.ofSeconds(1)
    }

    def "an idle bucket refills up to its capacity, no further"() {
        given:
        def bucket = TokenBucket.full(10, 10, 0)
        20.times { bucket = bucket.take(0).bucket() }

        when: 'an hour passes'
        def afterIdle = bucket
        def waits = (1..11).collect {
            def taken = afterIdle.take(3600 * SECOND)
            afterIdle = taken.bucket()
            taken.waitFor()
        }

        then: 'ten go at once, the eleventh waits a tenth of a second'
        waits.take(10).every { it == Duration.ZERO }
        waits[10] == Duration.ofMillis(100)
    }
}
