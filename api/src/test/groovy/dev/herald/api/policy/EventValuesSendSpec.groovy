package dev.herald.api.policy

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * A template written for an automation's event ({@code {{event.total}}}) sent through
 * {@code POST /v1/sends}: the send's {@code event} object supplies the values, as the
 * triggering event would.
 */
@MicronautTest(transactional = false)
class EventValuesSendSpec extends HeraldSpec {

    Tenant tenant
    String template

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.events')
        template = call('POST', '/v1/templates', [name: 'cart', title: 'Your cart of {{event.total}} items',
                                                  body: 'Still {{event.cart.currency}} {{event.cart.amount}} to pay, {{vars.name}}',
                                                  data: [items: '{{event.total}}']], tenant.key()).body.id
    }

    String device(String user) {
        tenant.upsertUser(user)
        def token = apnsToken()
        tenant.registerDevice(user, [provider: 'APNS', token: token])
        token
    }

    def "a #target send fills {{event.*}} from the send's event object"() {
        given:
        def token = device('ana')
        def targeting = target == 'userIds' ? [userIds: ['ana']]
                : target == 'tokens' ? [tokens: [token]] : [audience: [filter: [field: 'provider', op: 'eq', value: 'APNS']]]

        when:
        def created = call('POST', '/v1/sends', targeting + [templateId: template, variables: [name: 'Ana'],
                                                              event: [total: 3, cart: [currency: 'EUR', amount: 12.5]]], tenant.key())
        awaitSend(created.body.id)

        then:
        created.status == 201
        def received = apns.receivedFor([token])
        received.size() == 1
        def payload = new JsonSlurper().parseText(received[0].payload())
        payload.aps.alert == [title: 'Your cart of 3 items', body: 'Still EUR 12.5 to pay, Ana']
        payload.items == '3'

        where:
        target << ['userIds', 'tokens', 'audience']
    }

    def "the event's values can be seen before sending with the render endpoint's event"() {
        given:
        device('ana')

        when:
        def rendered = call('POST', "/v1/templates/$template/render",
                [userId: 'ana', variables: [name: 'Ana'], event: [total: 3, cart: [currency: 'EUR', amount: 12.5]]], tenant.key())

        then:
        rendered.status == 200
        rendered.body.title == 'Your cart of 3 items'
    }

    def "an event value supplied as #how is a 400 naming event.total and saying to pass it in the send's event"() {
        given:
        device('ana')

        when:
        def response = call('POST', '/v1/sends', [userIds: ['ana'], templateId: template,
                                                  variables: variables + [name: 'Ana'], event: [cart: [currency: 'EUR', amount: 1]]], tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        def error = response.body.errors.find { it.field == 'event.total' }
        error.message == '{{event.total}} has no value; pass it in the send\'s event ({"event": {"total": …}}) or give it a fallback: {{event.total | default: "…"}}'
        call('GET', '/v1/sends', null, tenant.key()).body.items == []

        where:
        how                       | variables
        'a variable'              | [total: 3]
        'a nested variable'       | [event: [total: 3]]
        'a dotted variable name'  | ['event.total': 3]
    }

    def "a missing nested event value names its whole path"() {
        given:
        device('ana')

        when:
        def response = call('POST', '/v1/sends', [userIds: ['ana'], templateId: template, variables: [name: 'Ana'], event: [total: 1]], tenant.key())

        then:
        response.status == 400
        response.body.errors.find { it.field == 'event.cart.amount' }.message
                .startsWith('{{event.cart.amount}} has no value; pass it in the send\'s event ({"event": {"cart": {"amount": …}}})')
    }
}
