package dev.herald.api.automation

import dev.herald.api.support.TemporalOutage
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

/**
 * What failed says why, in the API: a failed automation run names its step and the cause
 * (once only in the server log), a failed send says why it failed, and a send's failed devices
 * are counted by reason.
 */
@MicronautTest(transactional = false)
class FailureReasonsSpec extends AutomationHarness {

    @Inject
    TemporalOutage outage

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
    }

    def cleanup() {
        outage.end()
    }

    def "a run whose push text has no value for the user fails, and the run says at which step and why"() {
        given: 'a push whose title needs the user\'s locale, and a user without one'
        publish(tenant, 'greet', [name: 'Greet', trigger: [manual: true],
                                  steps: [[id: 'a', type: 'send_push', title: 'Locale: {{user.locale}}']]])
        def token = userWithPhone(tenant, 'nolocale')

        when:
        def started = call('POST', '/v1/automations/greet/runs', [userId: 'nolocale'], tenant.key())
        awaitRun(started.body)
        def failed = run(tenant, started.body.id as String)

        then:
        started.status == 201
        !started.body.containsKey('failureReason')
        failed.status == 'failed'
        failed.failureReason.startsWith('step a: no push to send: ')
        failed.failureReason.contains('{{user.locale}} has no value')
        pushesTo(token).isEmpty()

        and: 'the run lists say so too'
        call('GET', '/v1/automation-runs?status=failed', null, tenant.key()).body.items*.failureReason == [failed.failureReason]
    }

    def "a run that completes has no failure reason"() {
        given:
        publish(tenant, 'hello', [name: 'Hello', trigger: [manual: true], steps: [[id: 'a', type: 'send_push', title: 'Hi {{user.id}}']]])
        userWithPhone(tenant, 'ok')

        when:
        def started = call('POST', '/v1/automations/hello/runs', [userId: 'ok'], tenant.key())
        awaitRun(started.body)
        def done = run(tenant, started.body.id as String)

        then:
        done.status == 'completed'
        !done.containsKey('failureReason')
    }

    def "a send Temporal could not start is failed, and GET /v1/sends/{id} says why"() {
        given:
        userWithPhone(tenant, 'ana')

        when:
        outage.begin()
        def refused = call('POST', '/v1/sends', [userIds: ['ana'], title: 'Hi'], tenant.key())
        outage.end()
        def failed = call('GET', '/v1/sends', null, tenant.key()).body.items[0]
        def read = call('GET', "/v1/sends/${failed.id}", null, tenant.key()).body

        then:
        refused.status == 503
        refused.body.code == 'temporal_unavailable'
        read.status == 'failed'
        read.failureReason.startsWith("temporal_unavailable: Temporal could not start the send's workflow send-${failed.id}")
        read.failureReason.endsWith('nothing was sent')
        failed.failureReason == read.failureReason
    }

    def "a send whose pushes failed for some devices counts its failed devices by reason"() {
        given: 'one user whose tags make the personalised push outgrow APNs\' 4 KB, one whose do not'
        userWithPhone(tenant, 'big', [tags: [a: 'x' * 900, b: 'y' * 900, c: 'z' * 900, d: 'w' * 900, e: 'v' * 900]])
        userWithPhone(tenant, 'small', [tags: [a: 'x', b: 'y', c: 'z', d: 'w', e: 'v']])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['big', 'small'], title: 'Hi',
                                                 body: '{{tags.a}} {{tags.b}} {{tags.c}} {{tags.d}} {{tags.e}}'], tenant.key())
        awaitSend(created.body.id)
        def send = call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body

        then:
        send.status == 'completed'
        !send.containsKey('failureReason')
        send.deliveries.accepted == 1
        send.deliveries.failed == 1
        send.deliveries.failedReasons == ['apns:payload_too_large': 1]
    }
}
