package dev.herald.api.automation

import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant
import java.time.LocalTime
import java.time.ZoneId
import java.time.temporal.ChronoUnit

/**
 * {@code delay.untilLocalTime} waits for the time of day where the recipient is, judged as
 * sends judge it: the device's time zone, else the user's, else the app's default.
 */
@MicronautTest(transactional = false)
class LocalTimeDelaySpec extends AutomationHarness {

    static final Map MORNING = [name : 'Morning hello', trigger: [manual: true], entry: [reentryAfter: '1h'],
                                steps: [[id: 'morning', type: 'delay', untilLocalTime: '10:00'],
                                        [id: 'hello', type: 'send_push', title: 'Good morning']]]

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        assert call('PATCH', "/v1/apps/${tenant.appId}/settings", [defaultTimezone: 'Europe/Berlin'], tenant.key()).status == 200
        publish(tenant, 'morning', MORNING)
    }

    def "with #who the push waits for 10:00 in #expected"() {
        given:
        def userId = "user-${UUID.randomUUID()}".toString()
        tenant.upsertUser(userId, userTimezone ? [timezone: userTimezone] : [:])
        def token = apnsToken()
        tenant.registerDevice(userId, [provider: 'APNS', token: token] + (deviceTimezone ? [timezone: deviceTimezone] : [:]))

        when:
        def started = call('POST', '/v1/automations/morning/runs', [userId: userId], tenant.key())
        assert started.status == 201
        def waiting = runAt(tenant, 'morning', userId, 'morning')
        def timer = timerOf(waiting.workflowId as String)

        then: 'the timer fires at the next 10:00 in the recipient zone'
        timer.fireAt.atZone(ZoneId.of(expected)).toLocalTime().truncatedTo(ChronoUnit.MINUTES) == LocalTime.of(10, 0)
        Duration.between(timer.startedAt, timer.fireAt) <= Duration.ofDays(1)

        when: 'the clock reaches it'
        skip(Duration.between(timer.startedAt, timer.fireAt).plusMinutes(1))
        def result = awaitRun(waiting)

        then:
        result.path == ['morning', 'hello']
        pushesTo(token).size() == 1

        where:
        who                                     | deviceTimezone | userTimezone       || expected
        'a device zone'                         | 'Asia/Tokyo'   | 'America/New_York' || 'Asia/Tokyo'
        'only a user zone'                      | null           | 'America/New_York' || 'America/New_York'
        'neither: the app default'              | null           | null               || 'Europe/Berlin'
    }

    /** When the run's delay timer started and when it fires, read from the run's history (once the run has read the user's zone). */
    Map timerOf(String workflowId) {
        long deadline = System.currentTimeMillis() + 15_000
        def event = null
        while (event == null && System.currentTimeMillis() < deadline) {
            event = workflowClient.fetchHistory(workflowId).events.find { it.hasTimerStartedEventAttributes() }
            if (event == null) {
                Thread.sleep(50)
            }
        }
        assert event != null
        def startedAt = Instant.ofEpochSecond(event.eventTime.seconds, event.eventTime.nanos)
        def timeout = event.timerStartedEventAttributes.startToFireTimeout
        [startedAt: startedAt, fireAt: startedAt.plusSeconds(timeout.seconds).plusNanos(timeout.nanos)]
    }
}
