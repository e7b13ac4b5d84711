package dev.herald.api.automation

import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

/** cart.updated → wait 1 h for checkout.completed → push, end to end through REST and the APNs peer. */
@MicronautTest(transactional = false)
class CartAbandonmentSpec extends AutomationHarness {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        publish(tenant, 'cart-abandonment', example('cart-abandonment'))
    }

    def "a cart left for an hour gets one reminder, with the cart's item count"() {
        given:
        def token = userWithPhone(tenant, 'alice')

        when:
        event(tenant, 'alice', 'cart.updated', [items: 2])
        def waiting = runAt(tenant, 'cart-abandonment', 'alice', 'checkout')

        then: 'the run is one workflow, waiting, visible in the Temporal UI'
        waiting.status == 'running'
        waiting.version == 1
        waiting.trigger == 'cart.updated'
        waiting.workflowId == "automation-cart-abandonment-alice-${waiting.id}"
        waiting.temporalUrl == "http://temporal-ui.test/namespaces/default/workflows/automation-cart-abandonment-alice-${waiting.id}"

        when: 'another cart update while the run waits starts no second run'
        event(tenant, 'alice', 'cart.updated', [items: 3])

        then:
        runs(tenant, 'cart-abandonment', 'alice').size() == 1

        when: 'most of the hour passes'
        skip(Duration.ofMinutes(59))

        then:
        pushesTo(token).isEmpty()

        when: 'the hour is up'
        skip(Duration.ofMinutes(2))
        def result = awaitRun(waiting)

        then: 'one reminder reached APNs'
        result.status == 'COMPLETED'
        result.path == ['checkout', 'remind']
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert == [title: 'Forgot something?', body: 'Your 2 items are still in your cart.']
        aps(pushesTo(token)[0]).screen == 'cart'

        and: 'the push is an ordinary send, in the send history and the ledger'
        def sendId = result.sendIds[0]
        def send = call('GET', "/v1/sends/$sendId", null, tenant.key()).body
        send.status == 'completed'
        send.deliveries.accepted == 1
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items*.userId == ['alice']

        and: 'the run is recorded as completed at its last step'
        def ended = run(tenant, waiting.id)
        ended.status == 'completed'
        ended.currentStep == 'remind'
        ended.finishedAt != null
    }

    def "checking out within the hour ends the run and nothing is sent"() {
        given:
        def token = userWithPhone(tenant, 'bob')
        event(tenant, 'bob', 'cart.updated', [items: 1])
        def waiting = runAt(tenant, 'cart-abandonment', 'bob', 'checkout')

        when:
        skip(Duration.ofMinutes(20))
        event(tenant, 'bob', 'checkout.completed', [orderId: 'A-1'])
        def result = awaitRun(waiting)
        skip(Duration.ofHours(2))

        then:
        result.status == 'COMPLETED'
        result.path == ['checkout']
        result.sendIds == []
        pushesTo(token).isEmpty()
        run(tenant, waiting.id).status == 'completed'
        call('GET', '/v1/sends', null, tenant.key()).body.items == []
    }

    def "a cart update that does not match the trigger's filter starts nothing"() {
        given:
        userWithPhone(tenant, 'carol')

        when:
        event(tenant, 'carol', 'cart.updated', [items: 0])

        then:
        runs(tenant, 'cart-abandonment', 'carol') == []
    }
}
