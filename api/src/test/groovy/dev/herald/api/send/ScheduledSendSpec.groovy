package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant

@MicronautTest(transactional = false)
class ScheduledSendSpec extends HeraldSpec {

    def "a scheduled send waits for its time, then delivers"() {
        given:
        def tenant = newTenant()
        tenant.useApns()
        def token = apnsToken()
        tenant.upsertUser('gina')
        tenant.registerDevice('gina', [provider: 'APNS', token: token])
        def sendAt = Instant.ofEpochMilli(temporal.currentTimeMillis()).plus(Duration.ofHours(2))

        when:
        def created = call('POST', '/v1/sends', [userIds: ['gina'], title: 'Later', scheduledFor: sendAt.toString()], tenant.key())

        then:
        created.status == 201
        created.body.status == 'scheduled'
        created.body.scheduledFor == sendAt.toString()

        when: 'time passes, but not enough'
        skip(Duration.ofMinutes(119))

        then: 'nothing has gone out'
        apns.receivedFor([token]).isEmpty()
        call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body.status == 'scheduled'

        when: 'its time comes'
        skip(Duration.ofMinutes(2))
        awaitSend(created.body.id)

        then: 'the push went out once, at the scheduled time'
        apns.receivedFor([token]).size() == 1
        def send = call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body
        send.status == 'completed'
        send.deliveries.accepted == 1
        !Instant.parse(send.startedAt).isBefore(sendAt)
    }

    def "a cancelled scheduled send never sends, and cannot be cancelled twice"() {
        given:
        def tenant = newTenant()
        tenant.useApns()
        def token = apnsToken()
        tenant.upsertUser('hank')
        tenant.registerDevice('hank', [provider: 'APNS', token: token])
        def sendAt = Instant.ofEpochMilli(temporal.currentTimeMillis()).plus(Duration.ofHours(1))
        def created = call('POST', '/v1/sends', [userIds: ['hank'], title: 'Never', scheduledFor: sendAt.toString()], tenant.key())

        when:
        def cancelled = call('DELETE', "/v1/sends/${created.body.id}", null, tenant.key())

        then:
        cancelled.status == 200
        cancelled.body.status == 'cancelled'
        cancelled.body.finishedAt != null

        when: 'the time it was scheduled for passes'
        skip(Duration.ofHours(3))
        awaitSend(created.body.id)

        then:
        apns.receivedFor([token]).isEmpty()
        call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items == []
        call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body.status == 'cancelled'

        when:
        def again = call('DELETE', "/v1/sends/${created.body.id}", null, tenant.key())

        then:
        again.status == 409
        again.contentType == 'application/problem+json'
        again.body.code == 'send_finished'
    }

    def "a send scheduled in the past goes out at once"() {
        given:
        def tenant = newTenant()
        tenant.useApns()
        def token = apnsToken()
        tenant.upsertUser('ivy')
        tenant.registerDevice('ivy', [provider: 'APNS', token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['ivy'], title: 'Now', scheduledFor: '2020-01-01T00:00:00Z'], tenant.key())
        awaitSend(created.body.id)

        then:
        created.body.status == 'running'
        apns.receivedFor([token]).size() == 1
    }

    def "a completed send cannot be cancelled"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('jo')
        def created = call('POST', '/v1/sends', [userIds: ['jo'], title: 'Done'], tenant.key())
        awaitSend(created.body.id)

        when:
        def response = call('DELETE', "/v1/sends/${created.body.id}", null, tenant.key())

        then:
        response.status == 409
        response.body.code == 'send_finished'
        response.body.detail == 'The send has already completed'
    }
}
