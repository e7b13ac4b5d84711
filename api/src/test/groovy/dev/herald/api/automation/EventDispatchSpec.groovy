package dev.herald.api.automation

import dev.herald.api.support.TemporalOutage
import dev.herald.api.support.Tenant
import dev.herald.workflows.event.DispatchPlan
import dev.herald.workflows.event.DispatchedEvent
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

import static com.eatthepath.pushy.apns.server.RejectionReason.UNREGISTERED

/**
 * Events reach automations through one durable dispatch workflow per event ({@code event-<id>}),
 * started only when something listens; Temporal being down answers 503 and the same
 * Idempotency-Key makes sure of the dispatch later; Herald's own events take the same way.
 */
@MicronautTest(transactional = false)
class EventDispatchSpec extends AutomationHarness {

    static final Map WELCOME_BACK = [name : 'Welcome back', trigger: [event: 'app.opened', where: [screen: [eq: 'home']]],
                                     entry: [reentryAfter: '1d'],
                                     steps: [[id: 'later', type: 'delay', duration: '1h'], [id: 'push', type: 'send_push', title: 'Welcome back']]]

    @Inject
    TemporalOutage outage

    @Inject
    EventDispatchActivitiesImpl dispatchActivities

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
    }

    def cleanup() {
        outage.end()
    }

    def "an event nothing listens for starts no workflow; one an automation listens for is dispatched by event-<id>"() {
        given:
        publish(tenant, 'welcome-back', WELCOME_BACK)
        userWithPhone(tenant, 'ann')

        when:
        def ignored = event(tenant, 'ann', 'page.viewed')
        def filteredOut = event(tenant, 'ann', 'app.opened', [screen: 'settings'])
        def opened = event(tenant, 'ann', 'app.opened', [screen: 'home'])
        def dispatch = awaitDispatch(opened.id as String)

        then: 'no listener, no workflow'
        !dispatchExists(ignored.id as String)

        and: 'the trigger filter is applied by the dispatch, which starts the run'
        awaitDispatch(filteredOut.id as String).entries == []
        dispatch.signalledRunIds == []
        dispatch.entries.size() == 1
        dispatch.entries[0].automationKey == 'welcome-back'
        def all = runs(tenant, 'welcome-back', 'ann')
        all.size() == 1
        all[0].id == dispatch.entries[0].runId as String
        all[0].trigger == 'app.opened'
        all[0].payload == [screen: 'home']
    }

    def "with Temporal unreachable the event answers 503 and is kept; the same Idempotency-Key dispatches it, once"() {
        given:
        publish(tenant, 'welcome-back', WELCOME_BACK)
        userWithPhone(tenant, 'bo')
        def post = { postEvent([userId: 'bo', name: 'app.opened', properties: [screen: 'home']], 'bo-open-1') }

        when:
        outage.begin()
        def refused = post()

        then:
        refused.status == 503
        refused.contentType == 'application/problem+json'
        refused.body.code == 'temporal_unavailable'
        refused.body.detail.contains('Idempotency-Key')
        eventsKeyed('bo-open-1') == 1

        when: 'Temporal is back and the client repeats the request'
        outage.end()
        def repeated = post()
        def eventId = repeated.body.id as String
        def dispatch = awaitDispatch(eventId)

        then: 'the first event, now dispatched: one run'
        repeated.status == 200
        eventsKeyed('bo-open-1') == 1
        dispatch.entries.size() == 1
        runs(tenant, 'welcome-back', 'bo')*.id == [dispatch.entries[0].runId as String]

        when: 'a third repeat'
        def third = post()

        then: 'finds the dispatch done: still one event, one run'
        third.status == 200
        third.body.id == eventId
        eventsKeyed('bo-open-1') == 1
        runs(tenant, 'welcome-back', 'bo').size() == 1
    }

    def "a retried entry finds the run its first attempt started; a retried signal reaches the run once"() {
        given:
        publish(tenant, 'cart-abandonment', example('cart-abandonment'))
        def token = userWithPhone(tenant, 'cy')
        def updated = event(tenant, 'cy', 'cart.updated', [items: 2])
        def first = awaitDispatch(updated.id as String)
        def waiting = runAt(tenant, 'cart-abandonment', 'cy', 'checkout')
        def userId = UUID.fromString(queryValue("select id from users where external_id = 'cy' and org_id = '${tenant.orgId}'"))
        def cartEvent = new DispatchedEvent(UUID.fromString(updated.id as String), tenant.orgId, userId, 'cart.updated', [items: 2], 0L)

        when: 'the entry activity runs again for the same event'
        def again = dispatchActivities.enter(cartEvent, new DispatchPlan.Entry('cart-abandonment', versionId('cart-abandonment')))

        then:
        again.runId == first.entries[0].runId
        runs(tenant, 'cart-abandonment', 'cy').size() == 1

        when: 'checkout is dispatched, and its delivery is repeated'
        def checkout = event(tenant, 'cy', 'checkout.completed', [orderId: 'A-7'])
        def delivered = awaitDispatch(checkout.id as String)
        def checkoutEvent = new DispatchedEvent(UUID.fromString(checkout.id as String), tenant.orgId, userId, 'checkout.completed', [orderId: 'A-7'], 0L)
        dispatchActivities.deliver(checkoutEvent, waiting.id as long)
        def result = awaitRun(waiting)

        then: 'the run took the event and ended without a push; the repeat changed nothing'
        delivered.signalledRunIds*.toString() == [waiting.id]
        result.status == 'COMPLETED'
        result.path == ['checkout']
        pushesTo(token).isEmpty()
        run(tenant, waiting.id as String).status == 'completed'
    }

    def "an APNs 410 records push.token_invalidated, which starts the automation listening for it"() {
        given:
        publish(tenant, 'lost-device', [name   : 'Lost device', trigger: [event: 'push.token_invalidated', where: [provider: [eq: 'APNS']]],
                                        entry  : [reentryAfter: '1h'],
                                        steps  : [[id: 'check-in', type: 'delay', duration: '7d']]])
        def token = userWithPhone(tenant, 'dee')
        apns.reject(token, UNREGISTERED)

        when:
        def send = call('POST', '/v1/sends', [userIds: ['dee'], title: 'Hello'], tenant.key())
        awaitSend(send.body.id as String)
        def eventId = queryValue("select id from events where org_id = '${tenant.orgId}' and name = 'push.token_invalidated'")
        def dispatch = awaitDispatch(eventId)

        then:
        dispatch.entries*.automationKey == ['lost-device']
        def started = runs(tenant, 'lost-device', 'dee')
        started.size() == 1
        started[0].trigger == 'push.token_invalidated'
        started[0].payload.reason == 'apns:Unregistered'
        started[0].payload.sendId == send.body.id
    }

    def "a token moving to another user records auth.device_takeover for the user who lost it"() {
        given:
        publish(tenant, 'takeover', [name : 'Device taken over', trigger: [event: 'auth.device_takeover'], entry: [reentryAfter: '1h'],
                                     steps: [[id: 'review', type: 'delay', duration: '1d']]])
        def token = userWithPhone(tenant, 'eli')
        tenant.upsertUser('fay')

        when:
        tenant.registerDevice('fay', [provider: 'APNS', token: token])
        def eventId = queryValue("select id from events where org_id = '${tenant.orgId}' and name = 'auth.device_takeover'")
        awaitDispatch(eventId)

        then:
        def started = runs(tenant, 'takeover', 'eli')
        started.size() == 1
        started[0].payload.takenByUserId == 'fay'
        runs(tenant, 'takeover', 'fay').isEmpty()
    }

    def postEvent(Map body, String idempotencyKey) {
        call('POST', '/v1/events', body, tenant.key() + ['Idempotency-Key': idempotencyKey])
    }

    Map awaitDispatch(String eventId) {
        def result = settle(eventId)
        assert result != null: "no dispatch for event $eventId"
        result
    }

    boolean dispatchExists(String eventId) {
        settle(eventId) != null
    }

    int eventsKeyed(String key) {
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and idempotency_key = '$key'") as int
    }

    UUID versionId(String key) {
        UUID.fromString(queryValue("select v.id from automation_versions v join automations a on a.id = v.automation_id where a.org_id = '${tenant.orgId}' and a.key = '$key'"))
    }
}
