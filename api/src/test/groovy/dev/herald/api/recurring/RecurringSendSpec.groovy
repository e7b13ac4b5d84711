package dev.herald.api.recurring

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.InMemoryScheduleClient
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.api.enums.v1.ScheduleOverlapPolicy
import io.temporal.client.schedules.ScheduleActionStartWorkflow
import io.temporal.client.schedules.ScheduleClient
import jakarta.inject.Inject

import java.time.Duration

/**
 * Recurring sends as Temporal Schedules. The test service has no Schedules, so the specs
 * read what Herald registered from an in-memory schedule service and fire it by hand; the
 * firing runs the real workflow, which makes and delivers a real send.
 */
@MicronautTest(transactional = false)
class RecurringSendSpec extends HeraldSpec {

    @Inject
    ScheduleClient scheduleClient

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.digest')
    }

    InMemoryScheduleClient.Registered registered(String id) {
        (scheduleClient as InMemoryScheduleClient).registered("recurring-send-$id")
    }

    def "a recurring send is a Temporal Schedule whose every firing makes and delivers a send"() {
        given:
        def token = apnsToken()
        tenant.upsertUser('ana', [tags: [digest: 'weekly']])
        tenant.registerDevice('ana', [provider: 'APNS', token: token])

        when:
        def created = call('POST', '/v1/recurring-sends', [name: 'Weekly digest', cron: '0 9 * * MON', timeZone: 'Europe/Berlin',
                                                           send: [audience: [filter: [field: 'tag', key: 'digest', op: 'eq', value: 'weekly']],
                                                                  title: 'Your week', body: 'Five things you missed']], tenant.key())

        then: 'the schedule fires the recurring-send workflow at 09:00 Berlin time every Monday'
        created.status == 201
        created.body.scheduleId == "recurring-send-${created.body.id}"
        created.body.paused == false
        created.body.send.content.title == 'Your week'
        def schedule = registered(created.body.id).schedule
        schedule.spec.cronExpressions == ['0 9 * * MON']
        schedule.spec.timeZoneName == 'Europe/Berlin'
        schedule.policy.overlap == ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE
        with(schedule.action as ScheduleActionStartWorkflow) {
            workflowType == 'RecurringSendWorkflow'
            options.workflowId == "recurring-send-${created.body.id}"
            options.taskQueue == 'herald'
        }

        when: 'it fires twice'
        2.times {
            (scheduleClient as InMemoryScheduleClient).getHandle("recurring-send-${created.body.id}").trigger()
            Thread.sleep(5)
        }
        waitForSends(2).each { awaitSend(it.id) }
        def sends = call('GET', '/v1/sends', null, tenant.key()).body.items as List<Map>

        then: 'each firing made its own send, and each was delivered'
        sends*.status.toSet() == ['completed'] as Set
        sends*.recurringSendId.toSet() == [created.body.id] as Set
        apns.receivedFor([token]).size() == 2
    }

    def "a recurring send is listed, read, paused, resumed and deleted with its schedule"() {
        given:
        tenant.upsertUser('ben')
        def created = call('POST', '/v1/recurring-sends', [name: 'Hourly ping', intervalSeconds: 3600, send: [userIds: ['ben'], title: 'ping']],
                tenant.key()).body

        expect:
        registered(created.id).schedule.spec.intervals*.every == [Duration.ofHours(1)]
        call('GET', '/v1/recurring-sends', null, tenant.key()).body.items*.id == [created.id]
        call('GET', "/v1/recurring-sends/${created.id}", null, tenant.key()).body.intervalSeconds == 3600

        when:
        def paused = call('POST', "/v1/recurring-sends/${created.id}/pause", null, tenant.key())

        then:
        paused.body.paused
        registered(created.id).paused

        when:
        def resumed = call('POST', "/v1/recurring-sends/${created.id}/resume", null, tenant.key())

        then:
        !resumed.body.paused
        !registered(created.id).paused

        when:
        def deleted = call('DELETE', "/v1/recurring-sends/${created.id}", null, tenant.key())

        then:
        deleted.status == 204
        registered(created.id) == null
        call('GET', "/v1/recurring-sends/${created.id}", null, tenant.key()).status == 404
    }

    def "#description is a 400 naming #fields, and nothing is stored or scheduled"() {
        when:
        def response = call('POST', '/v1/recurring-sends', body, tenant.key())

        then:
        response.status == 400
        response.body.errors*.field.sort() == fields
        call('GET', '/v1/recurring-sends', null, tenant.key()).body.items == []

        where:
        description              | body                                                                                        || fields
        'no name'                | [cron: '@daily', send: [userIds: ['a'], title: 'x']]                                        || ['name']
        'neither cron nor every' | [name: 'x', send: [userIds: ['a'], title: 'x']]                                             || ['cron']
        'both cron and interval' | [name: 'x', cron: '@daily', intervalSeconds: 3600, send: [userIds: ['a'], title: 'x']]       || ['cron']
        'a cron of 3 fields'     | [name: 'x', cron: '0 9 *', send: [userIds: ['a'], title: 'x']]                               || ['cron']
        'an interval of 10 s'    | [name: 'x', intervalSeconds: 10, send: [userIds: ['a'], title: 'x']]                         || ['intervalSeconds']
        'an unknown time zone'   | [name: 'x', cron: '@daily', timeZone: 'Mars/Base', send: [userIds: ['a'], title: 'x']]       || ['timeZone']
        'no send'                | [name: 'x', cron: '@daily']                                                                 || ['send']
        'a send with no target'  | [name: 'x', cron: '@daily', send: [title: 'x']]                                             || ['send.userIds']
        'a send with two'        | [name: 'x', cron: '@daily', send: [userIds: ['a'], tokens: ['ab' * 32], title: 'x']]         || ['send.tokens', 'send.userIds']
        'a send with a time'     | [name: 'x', cron: '@daily', send: [userIds: ['a'], title: 'x', scheduledFor: '2030-01-01T00:00:00Z']] || ['send.scheduledFor']
    }

    private List<Map> waitForSends(int count) {
        long deadline = System.currentTimeMillis() + 30_000
        while (true) {
            def items = call('GET', '/v1/sends', null, tenant.key()).body.items as List<Map>
            if (items.size() >= count) {
                return items
            }
            assert System.currentTimeMillis() < deadline
            Thread.sleep(50)
        }
    }
}
