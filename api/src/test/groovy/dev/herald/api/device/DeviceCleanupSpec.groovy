package dev.herald.api.device

import dev.herald.api.config.DeviceCleanupSettings
import dev.herald.api.support.HeraldSpec
import dev.herald.api.temporal.DeviceCleanupSchedule
import dev.herald.api.temporal.TemporalSettings
import dev.herald.workflows.maintenance.DeviceCleanupWorkflow
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import io.temporal.api.enums.v1.ScheduleOverlapPolicy
import io.temporal.client.schedules.Schedule
import io.temporal.client.schedules.ScheduleActionStartWorkflow
import io.temporal.client.schedules.ScheduleAlreadyRunningException
import io.temporal.client.schedules.ScheduleClient
import io.temporal.client.schedules.ScheduleHandle
import io.temporal.client.schedules.ScheduleUpdate
import jakarta.inject.Inject

import java.time.Duration
import java.time.Instant

@MicronautTest(transactional = false)
class DeviceCleanupSpec extends HeraldSpec {

    @Inject
    DeviceCleanupSchedule schedule

    @Inject
    TemporalSettings temporalSettings

    def "the cleanup is an hourly Temporal Schedule, created at the first start and updated in place at the next"() {
        given: "a Temporal frontend's schedule API, recording what it is asked (Temporal's test service has no schedules)"
        Map<String, Schedule> created = [:]
        List<ScheduleUpdate> updates = []
        def handle = [update: { fn -> updates << fn.apply(null) }, getId: { DeviceCleanupSchedule.SCHEDULE_ID }] as ScheduleHandle
        def frontend = [
                createSchedule: { String id, Schedule s, options ->
                    if (created.containsKey(id)) {
                        throw new ScheduleAlreadyRunningException(new RuntimeException('exists'))
                    }
                    created[id] = s
                    handle
                },
                getHandle     : { String id -> handle }] as ScheduleClient
        def cleanup = new DeviceCleanupSchedule(frontend, temporalSettings, new DeviceCleanupSettings(Duration.ofDays(30), Duration.ofHours(1)))

        when: 'two workers start'
        cleanup.ensure()
        cleanup.ensure()

        then: 'one schedule exists, updated rather than duplicated'
        created.keySet() == [DeviceCleanupSchedule.SCHEDULE_ID] as Set
        updates.size() == 1
        updates[0].schedule.spec.intervals*.every == [Duration.ofHours(1)]

        and: 'every hour it starts the cleanup workflow with the 30-day grace, skipping a start while one still runs'
        def s = created[DeviceCleanupSchedule.SCHEDULE_ID]
        s.spec.intervals*.every == [Duration.ofHours(1)]
        s.policy.overlap == ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP
        def action = s.action as ScheduleActionStartWorkflow
        action.workflowType == 'DeviceCleanupWorkflow'
        action.arguments.get(0, Duration, Duration) == Duration.ofDays(30)
        action.options.taskQueue == temporalSettings.taskQueue()
        action.options.workflowId == DeviceCleanupSchedule.WORKFLOW_ID
    }

    def "run under time skipping, the cleanup deletes only devices disabled longer than the grace"() {
        given: 'devices disabled 31 and 29 days ago (by the workflow clock), one enabled, in two orgs'
        def a = newTenant()
        def b = newTenant()
        a.upsertUser('ann')
        b.upsertUser('bob')
        def longGone = a.registerDevice('ann', [provider: 'APNS', token: apnsToken()]).id
        def recent = a.registerDevice('ann', [provider: 'APNS', token: apnsToken()]).id
        def enabled = a.registerDevice('ann', [provider: 'APNS', token: apnsToken()]).id
        def otherOrg = b.registerDevice('bob', [provider: 'FCM', token: fcmToken()]).id
        def now = Instant.ofEpochMilli(temporal.currentTimeMillis())
        disable(longGone, now - Duration.ofDays(31))
        disable(recent, now - Duration.ofDays(29))
        disable(otherOrg, now - Duration.ofDays(40))
        queryValue("update devices set created_at = '${now - Duration.ofDays(400)}' where id = '$enabled' returning id")

        when: 'the schedule fires'
        def deleted = runCleanup()

        then:
        deleted >= 2
        remaining([longGone, recent, enabled, otherOrg]) == [recent, enabled] as Set

        when: 'two more days pass and it fires again'
        skip(Duration.ofDays(2))
        runCleanup()

        then:
        remaining([longGone, recent, enabled, otherOrg]) == [enabled] as Set
    }

    /** Starts the cleanup exactly as the schedule's action does, and waits for it. */
    private int runCleanup() {
        def options = io.temporal.client.WorkflowOptions.newBuilder(schedule.workflowOptions())
                .setWorkflowId("device-cleanup-${UUID.randomUUID()}").build()
        def action = schedule.schedule().action as ScheduleActionStartWorkflow
        def stub = workflowClient.newUntypedWorkflowStub(action.workflowType, options)
        stub.start(action.arguments.get(0, Duration, Duration))
        stub.getResult(30, java.util.concurrent.TimeUnit.SECONDS, Integer)
    }

    private static void disable(id, Instant at) {
        queryValue("update devices set enabled = false, disabled_at = '$at', disabled_reason = 'apns:Unregistered' where id = '$id' returning id")
    }

    private static Set remaining(List ids) {
        def db = dev.herald.api.support.TestDatabase.get()
        java.sql.DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            def rs = c.createStatement().executeQuery("select id::text from devices where id::text in (${ids.collect { "'$it'" }.join(',')})")
            def found = [] as Set
            while (rs.next()) {
                found << rs.getString(1)
            }
            found
        }
    }
}
