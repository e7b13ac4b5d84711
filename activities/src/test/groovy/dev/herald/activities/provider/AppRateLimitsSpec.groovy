package dev.herald.activities.provider

import spock.lang.Specification

import java.time.Duration

class AppRateLimitsSpec extends Specification {

    long now = 0
    List<Duration> sleeps = []
    int heartbeats = 0
    AppRateLimits limits = new AppRateLimits(new AppRateLimits.Settings(10, 10), { now }, { Duration d -> sleeps << d; now += d.toNanos() })

    def "an app's pushes beyond its burst are paced at its rate"() {
        given:
        def app = UUID.randomUUID()

        when: '30 pushes of one app at 10/s with a burst of 10'
        30.times { limits.acquire(app, { heartbeats++ }) }

        then: 'the first 10 go at once, the next 20 take two seconds between them'
        sleeps.sum() == Duration.ofSeconds(2)
        sleeps.size() == 20
    }

    def "apps are paced apart: one app's burst does not slow another"() {
        given:
        def busy = UUID.randomUUID()
        def quiet = UUID.randomUUID()
        15.times { limits.acquire(busy, {}) }
        sleeps.clear()

        when:
        10.times { limits.acquire(quiet, {}) }

        then:
        sleeps.isEmpty()
    }

    def "a long wait heartbeats while it waits"() {
        given:
        def slow = new AppRateLimits(new AppRateLimits.Settings(0.1, 1), { now }, { Duration d -> sleeps << d; now += d.toNanos() })
        def app = UUID.randomUUID()

        when: 'the second push at one per 10 s'
        2.times { slow.acquire(app, { heartbeats++ }) }

        then:
        sleeps == [Duration.ofSeconds(5), Duration.ofSeconds(5)]
        heartbeats == 1
    }

    def "a rate of 0 turns the limit off"() {
        given:
        def off = new AppRateLimits(new AppRateLimits.Settings(0, 1), { now }, { Duration d -> sleeps << d })

        when:
        100.times { off.acquire(UUID.randomUUID(), {}) }

        then:
        sleeps.isEmpty()
    }
}
