package dev.herald.api.automation

import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * POST /v1/events honours an Idempotency-Key for 24 hours: within them the same key answers the
 * first event (200) and triggers nothing; after them it records a new event (201) that triggers
 * automations like any other.
 */
@MicronautTest(transactional = false)
class EventIdempotencyWindowSpec extends AutomationHarness {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        publish(tenant, 'receipt', [name   : 'Receipt', trigger: [event: 'invoice.paid'], entry: [reentryAfter: '1h'],
                                    steps  : [[id: 'thanks', type: 'send_push', title: 'Payment received', body: 'Invoice {{event.invoice}} is paid.']]])
    }

    Map post(String key, Map properties) {
        def response = call('POST', '/v1/events', [userId: 'kim', name: 'invoice.paid', properties: properties],
                tenant.key() + ['Idempotency-Key': key])
        assert response.status in [200, 201]: response
        settle(response.body.id as String)
        [status: response.status, id: response.body.id, properties: response.body.properties]
    }

    def "the same key 25 hours later is a new event that triggers again; within 24 hours it is the same event"() {
        given:
        def token = userWithPhone(tenant, 'kim')

        when:
        def first = post('monthly-kim', [invoice: 'A-1'])
        awaitRun(runs(tenant, 'receipt', 'kim')[0])
        def repeat = post('monthly-kim', [invoice: 'A-1'])

        then: 'within the window: the first event, no second run'
        first.status == 201
        repeat.status == 200
        repeat.id == first.id
        runs(tenant, 'receipt', 'kim').size() == 1
        pushesTo(token).size() == 1

        when: 'a day and an hour later (the event and the run dated back; entry rules and the window read the database clock)'
        queryValue("update events set received_at = received_at - interval '25 hours' where id = '${first.id}' returning id")
        queryValue("update automation_runs set started_at = started_at - interval '25 hours' where org_id = '${tenant.orgId}' returning id")
        def next = post('monthly-kim', [invoice: 'B-2'])
        def runsNow = runs(tenant, 'receipt', 'kim')
        runsNow.each { awaitRun(it) }

        then: 'a new event with the new properties, and its own run and push'
        next.status == 201
        next.id != first.id
        next.properties == [invoice: 'B-2']
        runsNow.size() == 2
        pushesTo(token).size() == 2
        aps(pushesTo(token)[1]).aps.alert.body == 'Invoice B-2 is paid.'

        when: 'the key again, within 24 hours of the new event'
        def nextRepeat = post('monthly-kim', [invoice: 'B-2'])

        then:
        nextRepeat.status == 200
        nextRepeat.id == next.id
        runs(tenant, 'receipt', 'kim').size() == 2
        pushesTo(token).size() == 2
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and name = 'invoice.paid'") == '2'
    }
}
