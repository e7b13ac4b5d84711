package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import dev.herald.api.support.TestCertificates
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

/**
 * The per-app delivery rate limit end to end (HERALD_DELIVERY_PER_APP_PER_SECOND, burst
 * HERALD_DELIVERY_BURST): at 1 push a second with a burst of 1, APNs sees one app's pushes
 * about a second apart, while another app's pushes, sent meanwhile, keep their own pace.
 * Times are the ones the MockApnsServer recorded; margins are generous.
 */
@MicronautTest(transactional = false)
class AppRateLimitSpec extends HeraldSpec {

    static final double PER_SECOND = 1
    static final Duration INTERVAL = Duration.ofMillis((long) (1000 / PER_SECOND))

    @Override
    Map<String, String> extraProperties() {
        ['herald.delivery.per-app-per-second': PER_SECOND as String, 'herald.delivery.burst': '1']
    }

    private List<String> devices(Tenant tenant, int count) {
        (1..count).collect { i ->
            def token = apnsToken()
            tenant.upsertUser("u$i".toString())
            tenant.registerDevice("u$i".toString(), [provider: 'APNS', token: token])
            token
        }
    }

    /** When APNs received each push, in order. */
    private static List<java.time.Instant> arrivals(List<String> tokens) {
        apns.receivedFor(tokens)*.receivedAt().sort()
    }

    def "one app's pushes reach APNs no faster than the limit, and another app sending meanwhile is not held back"() {
        given: 'two apps with APNs keys, five devices in the first, two in the second'
        def busy = newTenant()
        busy.useApns('com.example.busy')
        def other = newTenant()
        // another team's key: the same team and key id with another key would replace the first app's connection
        assert call('PUT', "/v1/apps/${other.appId}/credentials/apns", [keyId: 'OTHER12345', teamId: 'TEAM654321',
                bundleId: 'com.example.other', privateKey: TestCertificates.apnsSigningKeyPem()], other.key()).status == 200
        def busyTokens = devices(busy, 5)
        def otherTokens = devices(other, 2)

        and: "both apps' APNs connections open, and their buckets full again: the times below are pacing alone"
        for (Tenant tenant : [busy, other]) {
            def warm = apnsToken()
            tenant.upsertUser('warm')
            tenant.registerDevice('warm', [provider: 'APNS', token: warm])
            awaitSend(call('POST', '/v1/sends', [userIds: ['warm'], title: 'Warm up'], tenant.key()).body.id)
            assert apns.receivedFor([warm]).size() == 1
        }
        Thread.sleep(INTERVAL.multipliedBy(2).toMillis())

        when: 'the first app sends to its five devices, and the second to its two once the first is being paced'
        def busySend = call('POST', '/v1/sends', [userIds: (1..5).collect { "u$it".toString() }, title: 'Paced'], busy.key())
        long deadline = System.currentTimeMillis() + 30_000
        while (apns.receivedFor(busyTokens).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10)
        }
        def otherSend = call('POST', '/v1/sends', [userIds: ['u1', 'u2'], title: 'Not held back'], other.key())
        awaitSend(otherSend.body.id)
        awaitSend(busySend.body.id)
        def busyTimes = arrivals(busyTokens)
        def otherTimes = arrivals(otherTokens)

        then: 'every push arrived'
        busySend.status == 201
        otherSend.status == 201
        busyTimes.size() == 5
        otherTimes.size() == 2

        and: 'the first app: one push at once (the burst), then one per interval, so five take at least four intervals'
        def busyGaps = (1..4).collect { Duration.between(busyTimes[it - 1], busyTimes[it]) }
        busyGaps.every { it >= INTERVAL.multipliedBy(8).dividedBy(10) }
        Duration.between(busyTimes.first(), busyTimes.last()) >= INTERVAL.multipliedBy(4).multipliedBy(8).dividedBy(10)

        and: "the second app's pushes went while the first was still paced, spaced by its own bucket alone"
        otherTimes.last().isBefore(busyTimes.last())
        // sharing the first app's bucket would space them by about two intervals
        Duration.between(otherTimes[0], otherTimes[1]) >= INTERVAL.multipliedBy(8).dividedBy(10)
        Duration.between(otherTimes[0], otherTimes[1]) < INTERVAL.multipliedBy(15).dividedBy(10)
    }
}
