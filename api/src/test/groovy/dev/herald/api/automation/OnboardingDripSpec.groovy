package dev.herald.api.automation

import dev.herald.api.support.MockApns
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

/** Sign-up → a tip the next morning → another on day 3 unless the first was opened; subscribing ends the drip. */
@MicronautTest(transactional = false)
class OnboardingDripSpec extends AutomationHarness {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        publish(tenant, 'onboarding', example('onboarding-drip'))
    }

    /** A user with one iPhone; answers its device id and token. */
    Map phoneOf(String userId) {
        tenant.upsertUser(userId)
        def token = apnsToken()
        [id: tenant.registerDevice(userId, [provider: 'APNS', token: token]).id, token: token]
    }

    /** What the app on the phone reports when the user opens a push: the sendId it carries, over the tracking API with the user's session. */
    void open(String userId, Map phone, MockApns.Received push) {
        def response = call('POST', '/v1/track/open', [sendId: aps(push).herald.sendId, deviceId: phone.id], tenant.bearer(tenant.session(userId)))
        assert response.status == 200: response
        settle(queryValue("select id from events where org_id = '${tenant.orgId}' and name = 'push.opened' and properties ->> 'sendId' = '${aps(push).herald.sendId}'"))
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
        def phone = phoneOf('gus')
        event(tenant, 'gus', 'user.signed_up')
        def run = runAt(tenant, 'onboarding', 'gus', 'next-morning')

        when:
        skip(Duration.ofHours(48))
        runAt(tenant, 'onboarding', 'gus', 'opened')
        skip(Duration.ofHours(5))
        open('gus', phone, pushesTo(phone.token)[0])
        def result = awaitRun(run)
        skip(Duration.ofDays(3))

        then:
        result.status == 'COMPLETED'
        result.path == ['next-morning', 'day-1', 'opened']
        pushesTo(phone.token).size() == 1
        aps(pushesTo(phone.token)[0]).aps.alert.title == 'Welcome aboard, friend'

        and: 'the open is recorded as one of this automation step\'s push'
        queryValue("select properties ->> 'automation' || '/' || (properties ->> 'automationStep') || '/' || (properties ->> 'automationRunId') from events where org_id = '${tenant.orgId}' and name = 'push.opened'") == "onboarding/day-1/${run.id}"
    }

    def "opening some other push meanwhile is not opening the day-1 tip: the day-3 tip follows"() {
        given:
        def phone = phoneOf('ida')
        event(tenant, 'ida', 'user.signed_up')
        def run = runAt(tenant, 'onboarding', 'ida', 'next-morning')

        when:
        skip(Duration.ofHours(48))
        runAt(tenant, 'onboarding', 'ida', 'opened')
        def sale = call('POST', '/v1/sends', [userIds: ['ida'], title: 'Sale today', body: 'Half price.'], tenant.key()).body.id
        awaitSend(sale)
        open('ida', phone, pushesTo(phone.token).find { aps(it).aps.alert.title == 'Sale today' })
        skip(Duration.ofDays(2).plusMinutes(1))
        def result = awaitRun(run)

        then:
        result.path == ['next-morning', 'day-1', 'opened', 'day-3']
        pushesTo(phone.token).collect { aps(it).aps.alert.title } == ['Welcome aboard, friend', 'Sale today', 'Still getting started?']
        queryValue("select (properties -> 'automation') is null from events where org_id = '${tenant.orgId}' and name = 'push.opened'") == 't'
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
