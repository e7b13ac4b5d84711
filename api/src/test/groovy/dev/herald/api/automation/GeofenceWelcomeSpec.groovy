package dev.herald.api.automation

import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant

/** Entering a store fence → a welcome push, unless the user had a push in the last 24 hours. */
@MicronautTest(transactional = false)
class GeofenceWelcomeSpec extends AutomationHarness {

    static final Map FENCE = [name: 'Store Mitte', latitude: 52.52, longitude: 13.405, radiusMeters: 150, triggers: ['enter'], priority: 10]

    Tenant tenant
    Map fence

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        publish(tenant, 'store-welcome', example('geofence-welcome'))
        fence = call('POST', '/v1/geofences', FENCE, tenant.key()).body
    }

    def enterFence(String userId, Map where = fence, Instant at = Instant.now()) {
        def response = call('POST', "/v1/geofences/${where.id}/transitions", [transition: 'enter', time: at.toString()],
                tenant.bearer(tenant.session(userId)))
        assert response.status == 201: response
        if (response.body.eventId) {
            settle(response.body.eventId as String)
        }
        response.body
    }

    def "walking into the store brings a welcome naming it; coming back hours later does not bring another"() {
        given:
        def token = userWithPhone(tenant, 'dana')

        when: 'the phone reports the fence was entered (five hours ago, as the next step needs)'
        enterFence('dana', fence, Instant.now().minus(Duration.ofHours(5)))
        def result = awaitRun(runs(tenant, 'store-welcome', 'dana')[0])

        then:
        result.status == 'COMPLETED'
        result.path == ['pushed-recently', 'welcome']
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert == [title: 'Welcome to Store Mitte', body: 'Show this at the till for 10% off today.']

        when: 'she enters again five hours later: re-entry (after 4 h) is allowed, but she had a push today'
        // entry rules read the database clock, which time skipping does not move: date the first run back instead
        queryValue("update automation_runs set started_at = started_at - interval '5 hours' where external_user_id = 'dana' and org_id = '${tenant.orgId}' returning id")
        enterFence('dana')
        def runsNow = runs(tenant, 'store-welcome', 'dana')
        def second = awaitRun(runsNow[0])

        then:
        runsNow.size() == 2
        second.status == 'COMPLETED'
        second.path == ['pushed-recently']
        pushesTo(token).size() == 1
    }

    def "a user who got any push from us in the last 24 hours is not welcomed"() {
        given: 'erin got an order update this morning'
        def token = userWithPhone(tenant, 'erin')
        def send = call('POST', '/v1/sends', [userIds: ['erin'], title: 'Order shipped', body: 'On its way'], tenant.key()).body
        awaitSend(send.id)

        when:
        enterFence('erin')
        def result = awaitRun(runs(tenant, 'store-welcome', 'erin')[0])

        then:
        result.path == ['pushed-recently']
        pushesTo(token)*.payload.every { it.contains('Order shipped') }
        pushesTo(token).size() == 1
    }

    def "a fence whose name does not match the trigger's filter starts nothing"() {
        given:
        userWithPhone(tenant, 'finn')
        def warehouse = call('POST', '/v1/geofences', FENCE + [name: 'Warehouse'], tenant.key()).body

        when:
        enterFence('finn', warehouse)

        then:
        runs(tenant, 'store-welcome', 'finn') == []
    }
}
