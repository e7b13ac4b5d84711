package dev.herald.api.automation

import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

/**
 * Definition features the shipped examples do not use, end to end through REST on the Temporal
 * test service with the pushes asserted at the APNs peer: an {@code exit} step, a
 * {@code wait_for_event} with a {@code where} filter, and a {@code branch} on the trigger event.
 */
@MicronautTest(transactional = false)
class DefinitionStepsSpec extends AutomationHarness {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
    }

    static final Map FAREWELL = [
            name   : 'Cancellation farewell',
            trigger: [event: 'plan.cancelled'],
            steps  : [
                    [id: 'goodbye', type: 'send_push', title: 'Sorry to see you go', body: 'Your plan ends this month.'],
                    [id: 'free-plan', type: 'branch', when: ['event.plan': 'free'], then: 'stop', else: 'later'],
                    [id: 'stop', type: 'exit'],
                    [id: 'later', type: 'delay', duration: '1d'],
                    [id: 'win-back', type: 'send_push', title: 'Come back for 50% off', body: 'Your first month back is half price.']]]

    def "an exit step ends the run as exited and nothing after it is sent"() {
        given:
        def token = userWithPhone(tenant, 'gus')
        publish(tenant, 'farewell', FAREWELL)

        when:
        event(tenant, 'gus', 'plan.cancelled', [plan: 'free'])
        def result = awaitRun(runs(tenant, 'farewell', 'gus')[0])
        skip(Duration.ofDays(2))

        then: 'the run stopped at the exit step, after the first push only'
        result.status == 'EXITED'
        result.path == ['goodbye', 'free-plan', 'stop']
        result.sendIds.size() == 1
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert.title == 'Sorry to see you go'

        and: 'the run is listed as exited at its exit step'
        def listed = runs(tenant, 'farewell', 'gus')
        listed.size() == 1
        listed[0].status == 'exited'
        listed[0].currentStep == 'stop'
        listed[0].finishedAt != null
        call('GET', "/v1/automation-runs?automation=farewell&status=exited", null, tenant.key()).body.items*.userId == ['gus']
    }

    def "a run that does not reach the exit step goes on past it"() {
        given:
        def token = userWithPhone(tenant, 'hal')
        publish(tenant, 'farewell', FAREWELL)

        when:
        event(tenant, 'hal', 'plan.cancelled', [plan: 'pro'])
        def waiting = runAt(tenant, 'farewell', 'hal', 'later')
        skip(Duration.ofDays(1).plusMinutes(1))
        def result = awaitRun(waiting)

        then:
        result.status == 'COMPLETED'
        result.path == ['goodbye', 'free-plan', 'later', 'win-back']
        pushesTo(token)*.payload.collect { it.contains('Come back for 50% off') } == [false, true]
        run(tenant, waiting.id).status == 'completed'
    }

    static final Map PAID_CHECKOUT = [
            name   : 'Unpaid cart',
            trigger: [event: 'cart.updated'],
            steps  : [
                    [id: 'checkout', type: 'wait_for_event', event: 'checkout.completed', where: [total: [gt: 0], currency: 'EUR'],
                     timeout: '1h', onEvent: 'end', onTimeout: 'remind'],
                    [id: 'remind', type: 'send_push', title: 'Still thinking it over?', body: 'Your cart is saved.']]]

    def "a wait with a where filter is met by a matching event only: #description"() {
        given:
        def token = userWithPhone(tenant, 'ivy')
        publish(tenant, 'unpaid-cart', PAID_CHECKOUT)
        event(tenant, 'ivy', 'cart.updated')
        def waiting = runAt(tenant, 'unpaid-cart', 'ivy', 'checkout')

        when: 'events of the awaited name arrive within the hour'
        skip(Duration.ofMinutes(10))
        checkouts.each { event(tenant, 'ivy', 'checkout.completed', it) }
        skip(Duration.ofMinutes(51))
        def result = awaitRun(waiting)

        then:
        result.status == 'COMPLETED'
        result.path == path
        pushesTo(token).size() == pushes
        pushes == 0 || aps(pushesTo(token)[0]).aps.alert.title == 'Still thinking it over?'

        where:
        description                                | checkouts                                                        || path                    | pushes
        'a free checkout does not match'           | [[total: 0, currency: 'EUR']]                                    || ['checkout', 'remind'] | 1
        'another currency does not match'          | [[total: 20, currency: 'USD']]                                   || ['checkout', 'remind'] | 1
        'a checkout without a total does not match'| [[currency: 'EUR']]                                              || ['checkout', 'remind'] | 1
        'a paid checkout in EUR matches'           | [[total: 20, currency: 'EUR']]                                   || ['checkout']           | 0
        'a match after non-matching ones counts'   | [[total: 0, currency: 'EUR'], [total: 5, currency: 'EUR']]       || ['checkout']           | 0
    }

    def "a branch on the trigger event with #when and properties #properties sends the #expected push"() {
        given:
        def token = userWithPhone(tenant, 'jo')
        publish(tenant, 'order-thanks', [
                name   : 'Order thanks',
                trigger: [event: 'order.placed'],
                steps  : [
                        [id: 'size', type: 'branch', when: when, then: 'big', else: 'small'],
                        [id: 'big', type: 'send_push', title: 'Big thanks', body: 'A treat is on its way.', next: 'end'],
                        [id: 'small', type: 'send_push', title: 'Thanks', body: 'Your order is confirmed.']]])

        when:
        event(tenant, 'jo', 'order.placed', properties)
        def result = awaitRun(runs(tenant, 'order-thanks', 'jo')[0])

        then:
        result.path == ['size', expected]
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert.title == (expected == 'big' ? 'Big thanks' : 'Thanks')

        where:
        when                                                   | properties                        || expected
        ['event.total': [gte: 100]]                            | [total: 150]                      || 'big'
        ['event.total': [gte: 100]]                            | [total: 100]                      || 'big'
        ['event.total': [gte: 100]]                            | [total: 99.5]                     || 'small'
        ['event.total': [gte: 100]]                            | [:]                               || 'small'
        ['event.store': 'berlin']                              | [store: 'berlin']                 || 'big'
        ['event.store': 'berlin']                              | [store: 'hamburg']                || 'small'
        ['event.store': ['berlin', 'hamburg']]                 | [store: 'hamburg']                || 'big'
        ['event.coupon': [exists: true]]                       | [coupon: 'SPRING']                || 'big'
        ['event.coupon': [exists: true]]                       | [total: 500]                      || 'small'
        ['event.shipping.country': [in: ['DE', 'AT']]]         | [shipping: [country: 'AT']]       || 'big'
        ['event.shipping.country': [in: ['DE', 'AT']]]         | [shipping: [country: 'FR']]       || 'small'
        ['event.total': [gte: 100], 'event.store': 'berlin']   | [total: 150, store: 'hamburg']    || 'small'
        ['event.total': [gte: 100], 'event.store': 'berlin']   | [total: 150, store: 'berlin']     || 'big'
    }
}
