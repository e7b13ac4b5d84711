package dev.herald.api.automation

import dev.herald.api.support.Tenant
import dev.herald.domain.event.EventIntake
import dev.herald.domain.event.EventStore
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

import java.time.Duration

/** Sign-up → a tip the next morning → another on day 3 unless the first was opened; subscribing ends the drip. */
@MicronautTest(transactional = false)
class OnboardingDripSpec extends AutomationHarness {

    @Inject
    EventIntake intake

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        publish(tenant, 'onboarding', example('onboarding-drip'))
    }

    /** What open tracking records when a user opens a push (Herald's own event, not postable over the API). */
    void opened(String userId, String sendId) {
        def userUuid = UUID.fromString(queryValue("select id from users where org_id = '${tenant.orgId}' and external_id = '$userId'"))
        intake.record(EventStore.NewEvent.observed(tenant.orgId, tenant.appId, userUuid, 'push.opened', [sendId: sendId]))
    }

    def "nobody opens the day-1 tip: the day-3 tip follows"() {
        given:
        def token = userWithPhone(tenant, 'fay', [timezone: 'America/New_York', tags: [firstName: 'Fay']])

        when:
        event(tenant, 'fay', 'user.signed_up')
        def run = runAt(tenant, 'onboarding', 'fay', 'next-morning')
        skip(Duration.ofHours(20))

        then: 'not before a day has passed'
        pushesTo(token).isEmpty()

        when: 'the next morning at 10:00 in her time zone has come'
        skip(Duration.ofHours(28))
        runAt(tenant, 'onboarding', 'fay', 'opened')

        then:
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert.title == 'Welcome aboard, Fay'

        when: 'two days pass without an open'
        skip(Duration.ofDays(2).plusMinutes(1))
        def result = awaitRun(run)

        then:
        result.status == 'COMPLETED'
        result.path == ['next-morning', 'day-1', 'opened', 'day-3']
        pushesTo(token).collect { aps(it).aps.alert.title } == ['Welcome aboard, Fay', 'Still getting started?']
    }

    def "the day-1 tip is opened in time: no day-3 tip goes out"() {
        given:
        def token = userWithPhone(tenant, 'gus')
        event(tenant, 'gus', 'user.signed_up')
        def run = runAt(tenant, 'onboarding', 'gus', 'next-morning')

        when:
        skip(Duration.ofHours(48))
        runAt(tenant, 'onboarding', 'gus', 'opened')
        skip(Duration.ofHours(5))
        opened('gus', 'any')
        def result = awaitRun(run)
        skip(Duration.ofDays(3))

        then:
        result.status == 'COMPLETED'
        result.path == ['next-morning', 'day-1', 'opened']
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert.title == 'Welcome aboard, friend'
    }

    def "subscribing (the goal) ends the drip at once, whatever step it is at"() {
        given:
        def token = userWithPhone(tenant, 'hal')
        event(tenant, 'hal', 'user.signed_up')
        def run = runAt(tenant, 'onboarding', 'hal', 'next-morning')

        when:
        skip(Duration.ofHours(3))
        event(tenant, 'hal', 'subscription.started', [plan: 'pro'])
        def result = awaitRun(run)
        skip(Duration.ofDays(4))

        then:
        result.status == 'GOAL_REACHED'
        result.path == ['next-morning']
        pushesTo(token).isEmpty()
        call('GET', "/v1/automation-runs/${run.id}", null, tenant.key()).body.status == 'goal_reached'

        and: 'entry is once per user: signing up again starts nothing'
        event(tenant, 'hal', 'user.signed_up')
        runs(tenant, 'onboarding', 'hal').size() == 1
    }
}
