package dev.herald.api.automation

import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * A send_push step naming one of #5's templates with variables from the trigger event:
 * checked at publish, rendered per user locale by the same engine as sends, and sent as an
 * ordinary send, so delivery policies apply to it.
 */
@MicronautTest(transactional = false)
class TemplatedStepSpec extends AutomationHarness {

    static final Map CART_TEMPLATE = [name     : 'cart-reminder',
                                      title    : 'Your cart',
                                      body     : '{{count}} items wait for you, {{tags.firstName | default: "friend"}}',
                                      localized: [de: [title: 'Dein Warenkorb', body: '{{count}} Artikel warten auf dich']],
                                      data     : [screen: 'cart']]

    static Map reminder(String template) {
        [name   : 'Cart reminder', trigger: [event: 'cart.updated'], entry: [reentryAfter: '1h'],
         steps  : [[id: 'remind', type: 'send_push', template: template, variables: [count: '{{event.items}}'], data: [coupon: 'CART10']]]]
    }

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        assert call('POST', '/v1/templates', CART_TEMPLATE, tenant.key()).status == 201
    }

    def "the step's template is rendered for each user's locale with variables from the event"() {
        given:
        publish(tenant, 'cart-reminder', reminder('cart-reminder'))
        def german = userWithPhone(tenant, 'anna', [locale: 'de-DE'])
        def english = userWithPhone(tenant, 'ben', [locale: 'en-GB', tags: [firstName: 'Ben']])

        when:
        event(tenant, 'anna', 'cart.updated', [items: 2])
        event(tenant, 'ben', 'cart.updated', [items: 5])
        def annaRun = awaitRun(runAt(tenant, 'cart-reminder', 'anna', 'remind'))
        def benRun = awaitRun(runAt(tenant, 'cart-reminder', 'ben', 'remind'))
        awaitSend(annaRun.sendIds[0] as String)
        awaitSend(benRun.sendIds[0] as String)

        then:
        aps(pushesTo(german)[0]).aps.alert == [title: 'Dein Warenkorb', body: '2 Artikel warten auf dich']
        aps(pushesTo(english)[0]).aps.alert == [title: 'Your cart', body: '5 items wait for you, Ben']

        and: "the template's data and the step's own are merged"
        aps(pushesTo(german)[0]).screen == 'cart'
        aps(pushesTo(german)[0]).coupon == 'CART10'
    }

    def "a template named by id works too, and the run's send is an ordinary send: a frequency cap suppresses it"() {
        given:
        def id = call('GET', '/v1/templates', null, tenant.key()).body.items[0].id as String
        publish(tenant, 'cart-reminder', reminder(id))
        def token = userWithPhone(tenant, 'cara')
        assert call('PATCH', "/v1/apps/${tenant.appId}/settings", [freqCapPerUserPerHour: 1], tenant.key()).status == 200
        awaitSend(call('POST', '/v1/sends', [userIds: ['cara'], title: 'Earlier today'], tenant.key()).body.id as String)

        when:
        event(tenant, 'cara', 'cart.updated', [items: 1])
        def result = awaitRun(runAt(tenant, 'cart-reminder', 'cara', 'remind'))
        def sendId = result.sendIds[0] as String
        awaitSend(sendId)

        then:
        result.status == 'COMPLETED'
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items*.reason == ['frequency_cap']
        pushesTo(token)*.payload.every { !it.contains('Your cart') }
    }

    def "publishing a step that names #what is a 400 naming the step"() {
        when:
        def response = call('PUT', '/v1/automations/broken', definition, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field == [field]
        response.body.errors[0].message.contains('step "remind"')

        where:
        what                         | definition                                                                                              || field
        'an unknown template'        | reminder('no-such-template')                                                                            || 'steps[0].template'
        'a template and its own text'| [name: 'x', trigger: [manual: true], steps: [[id: 'remind', type: 'send_push', template: 'cart-reminder', title: 'Hi']]] || 'steps[0].template'
        'a broken placeholder'       | [name: 'x', trigger: [manual: true], steps: [[id: 'remind', type: 'send_push', title: 'Hi {{name']]]     || 'steps[0].title'
        'a variable that is a list'  | [name: 'x', trigger: [manual: true], steps: [[id: 'remind', type: 'send_push', template: 'cart-reminder', variables: [count: [1]]]]] || 'steps[0].variables.count'
    }
}
