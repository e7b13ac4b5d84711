package dev.herald.api.policy

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant
import java.time.ZoneOffset
import java.time.temporal.ChronoUnit

/**
 * Quiet hours in the send path: a recipient inside the window is deferred (a durable timer of
 * the send workflow) and delivered at the window's end, under time skipping; or suppressed
 * with reason quiet_hours; transactional sends go through.
 */
@MicronautTest(transactional = false)
class QuietHoursDeliverySpec extends HeraldSpec {

    Tenant tenant
    int startHour
    Instant windowEnd

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.quiet')
        // a window that holds the present moment of Temporal's clock (the one deliveries are judged
        // on; other specs sharing the test service may have moved it): from this hour (UTC) for two hours
        def now = Instant.ofEpochMilli(temporal.currentTimeMillis())
        startHour = now.atZone(ZoneOffset.UTC).hour
        windowEnd = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2))
    }

    def "a recipient in quiet hours is deferred, then delivered by the workflow's timer at the window's end"() {
        given:
        quietHours(true)
        def token = apnsToken()
        tenant.upsertUser('night-owl', [timezone: 'UTC'])
        tenant.registerDevice('night-owl', [provider: 'APNS', token: token])

        when:
        def sendId = call('POST', '/v1/sends', [userIds: ['night-owl'], title: 'Good morning', body: 'News'], tenant.key()).body.id
        def deferred = awaitRow(sendId) { it.status == 'deferred' }

        then: 'the device waits in the ledger with the reason, and nothing reached APNs'
        deferred.reason == 'quiet_hours'
        apns.receivedFor([token]).isEmpty()
        call('GET', "/v1/sends/$sendId", null, tenant.key()).body.status == 'running'
        queryValue("select deliver_at from deliveries where send_id = '$sendId'") != null
        Instant.parse(queryValue("select to_char(deliver_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from deliveries where send_id = '$sendId'")) == windowEnd

        when: 'the clock moves to just before the window ends'
        skip(Duration.between(Instant.ofEpochMilli(temporal.currentTimeMillis()), windowEnd).minusMinutes(5))

        then:
        apns.receivedFor([token]).isEmpty()

        when: 'and past its end'
        skip(Duration.ofMinutes(10))
        awaitSend(sendId)

        then: 'the timer fired: delivered once, recorded as accepted'
        apns.receivedFor([token]).size() == 1
        new JsonSlurper().parseText(apns.receivedFor([token])[0].payload()).aps.alert == [title: 'Good morning', body: 'News']
        with(row(sendId)) {
            status == 'accepted'
        }
    }

    def "without deferral a recipient in quiet hours is suppressed with reason quiet_hours; a transactional send goes through"() {
        given:
        quietHours(false)
        def token = apnsToken()
        tenant.upsertUser('sleeper', [timezone: 'UTC'])
        tenant.registerDevice('sleeper', [provider: 'APNS', token: token])

        when:
        def marketing = call('POST', '/v1/sends', [userIds: ['sleeper'], title: 'Sale'], tenant.key()).body.id
        awaitSend(marketing)
        def receipt = call('POST', '/v1/sends', [userIds: ['sleeper'], title: 'Your receipt', transactional: true], tenant.key()).body.id
        awaitSend(receipt)

        then:
        with(row(marketing)) {
            status == 'suppressed'
            reason == 'quiet_hours'
        }
        row(receipt).status == 'accepted'
        apns.receivedFor([token]).collect { new JsonSlurper().parseText(it.payload()).aps.alert.title } == ['Your receipt']
        call('GET', "/v1/sends/$marketing", null, tenant.key()).body.deliveries.suppressed == 1
    }

    def "the device's time zone decides: a device where it is daytime is delivered at once"() {
        given:
        quietHours(true)
        def token = apnsToken()
        tenant.upsertUser('traveller', [timezone: 'UTC'])
        // twelve hours away the quiet window is far off
        tenant.registerDevice('traveller', [provider: 'APNS', token: token, timezone: startHour < 12 ? 'Etc/GMT-12' : 'Etc/GMT+12'])

        when:
        def sendId = call('POST', '/v1/sends', [userIds: ['traveller'], title: 'Hello'], tenant.key()).body.id
        awaitSend(sendId)

        then:
        row(sendId).status == 'accepted'
        apns.receivedFor([token]).size() == 1
    }

    private void quietHours(boolean defer) {
        def response = call('PATCH', "/v1/apps/${tenant.appId}/settings",
                [quietHoursStartLocal: startHour, quietHoursEndLocal: (startHour + 2) % 24, deferInQuietHours: defer], tenant.key())
        assert response.status == 200: response
    }

    private Map row(String sendId) {
        def rows = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items
        assert rows.size() == 1
        rows[0]
    }

    private Map awaitRow(String sendId, Closure<Boolean> condition) {
        for (int i = 0; i < 100; i++) {
            def rows = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items
            if (rows && condition(rows[0])) {
                return rows[0]
            }
            Thread.sleep(100)
        }
        throw new AssertionError("the send's ledger row never got there")
    }
}
