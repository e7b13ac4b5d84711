package dev.herald.api.template

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class TemplateApiSpec extends HeraldSpec {

    Tenant tenant

    static final Map ORDER_SHIPPED = [
            name     : 'order-shipped',
            title    : 'Hi {{tags.first_name | default: "there"}}',
            body     : 'Order {{vars.orderId}} has shipped',
            localized: [es: [title: 'Hola {{tags.first_name | default: "amigo"}}', body: 'El pedido {{vars.orderId}} va en camino'],
                        'es_mx': [body: 'Tu orden {{vars.orderId}} ya salió']],
            actions  : [[id: 'track', title: 'Track', url: 'shop://orders/{{vars.orderId}}']],
            data     : [orderId: '{{vars.orderId}}'],
            url      : 'https://shop.example/orders/{{vars.orderId}}']

    def setup() {
        tenant = newTenant()
    }

    def "a template is created, read, listed, replaced and deleted"() {
        when:
        def created = call('POST', '/v1/templates', ORDER_SHIPPED, tenant.key())

        then:
        created.status == 201
        created.body.name == 'order-shipped'
        created.body.localized.keySet() == ['es', 'es-MX'] as Set
        created.body.variables == ['tags.first_name', 'vars.orderId']
        created.body.actions == [[id: 'track', title: 'Track', url: 'shop://orders/{{vars.orderId}}']]

        when:
        def id = created.body.id
        def read = call('GET', "/v1/templates/$id", null, tenant.key())
        def replaced = call('PUT', "/v1/templates/$id", [name: 'order-shipped-v2', title: 'Shipped', body: '{{orderId}}'], tenant.key())
        def listed = call('GET', '/v1/templates', null, tenant.key())

        then:
        read.body == created.body
        replaced.status == 200
        replaced.body.name == 'order-shipped-v2'
        replaced.body.localized == [:]
        replaced.body.variables == ['orderId']
        listed.body.items*.id == [id]

        when:
        def deleted = call('DELETE', "/v1/templates/$id", null, tenant.key())

        then:
        deleted.status == 204
        call('GET', "/v1/templates/$id", null, tenant.key()).status == 404
    }

    def "templates page newest first"() {
        given:
        def ids = (1..3).collect { this.call('POST', '/v1/templates', [name: "t$it".toString(), body: 'x'], tenant.key()).body.id }

        when:
        def first = call('GET', '/v1/templates?limit=2', null, tenant.key())
        def second = call('GET', "/v1/templates?limit=2&after=${first.body.next}", null, tenant.key())

        then:
        first.body.items*.id == ids.reverse().take(2)
        second.body.items*.id == [ids[0]]
        second.body.next == null
    }

    def "a name is unique within the org"() {
        given:
        call('POST', '/v1/templates', [name: 'welcome', body: 'x'], tenant.key())
        def other = call('POST', '/v1/templates', [name: 'other', body: 'x'], tenant.key()).body.id

        expect:
        call('POST', '/v1/templates', [name: 'welcome', body: 'y'], tenant.key()).status == 409
        call('PUT', "/v1/templates/$other", [name: 'welcome', body: 'y'], tenant.key()).body.code == 'template_name_taken'
        this.call('POST', '/v1/templates', [name: 'welcome', body: 'z'], newTenant().key()).status == 201
    }

    def "rendering fills a user's tags, locale and the variables, and lists what is missing"() {
        given:
        def id = call('POST', '/v1/templates', ORDER_SHIPPED, tenant.key()).body.id
        tenant.upsertUser('maria', [locale: 'es-MX', tags: [first_name: 'María']])
        tenant.upsertUser('sam', [locale: 'en-GB'])

        expect:
        with(call('POST', "/v1/templates/$id/render", [userId: 'maria', variables: [orderId: 'A-7']], tenant.key()).body) {
            title == 'Hola María'
            body == 'Tu orden A-7 ya salió'
            locale == 'es-MX'
            url == 'https://shop.example/orders/A-7'
            actions == [[id: 'track', title: 'Track', url: 'shop://orders/A-7']]
            data == [orderId: 'A-7']
            missing == []
        }
        with(call('POST', "/v1/templates/$id/render", [userId: 'sam', locale: 'es-AR', variables: [orderId: 'B-1']], tenant.key()).body) {
            title == 'Hola amigo'
            body == 'El pedido B-1 va en camino'
            locale == 'es'
        }
        with(call('POST', "/v1/templates/$id/render", [userId: 'sam'], tenant.key()).body) {
            title == 'Hi there'
            locale == null
            missing*.field == ['actions[0].url', 'body', 'data.orderId', 'url']
            missing*.variable.unique() == ['vars.orderId']
        }
    }

    def "#description is a 400 naming #field and stores nothing"() {
        when:
        def response = call('POST', '/v1/templates', body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        call('GET', '/v1/templates', null, tenant.key()).body.items == []

        where:
        description                 | body                                                                      || field
        'no name'                   | [body: 'x']                                                               || 'name'
        'no text'                   | [name: 'n']                                                               || 'body'
        'an unclosed placeholder'   | [name: 'n', title: 'Hi {{name']                                           || 'title'
        'a logic tag'               | [name: 'n', body: '{{#if vip}}VIP{{/if}}']                                || 'body'
        'a bad locale'              | [name: 'n', body: 'x', localized: ['!!': [title: 'y']]]                   || 'localized.!!'
        'an empty locale'           | [name: 'n', body: 'x', localized: [es: [:]]]                              || 'localized.es'
        'five actions'              | [name: 'n', body: 'x', actions: (1..5).collect { [id: "a$it".toString(), title: 'x'] }] || 'actions'
        'an action without title'   | [name: 'n', body: 'x', actions: [[id: 'a']]]                              || 'actions[0].title'
        'a relative link'           | [name: 'n', body: 'x', url: '/orders/1']                                  || 'url'
        'a bad placeholder in data' | [name: 'n', body: 'x', data: [a: [b: '{{ }}']]]                           || 'data.a.b'
        'localized not an object'   | '{"name":"n","body":"x","localized":[1]}'                                 || 'localized'
    }

    def "rendering for an unknown user or in a bad locale is a 400"() {
        given:
        def id = call('POST', '/v1/templates', [name: 'n', body: 'x'], tenant.key()).body.id

        expect:
        call('POST', "/v1/templates/$id/render", [userId: 'nobody'], tenant.key()).body.errors*.field == ['userId']
        call('POST', "/v1/templates/$id/render", [locale: '!!'], tenant.key()).body.errors*.field == ['locale']
    }

    def "a template an A/B test uses cannot be deleted"() {
        given:
        def id = call('POST', '/v1/templates', [name: 'b-side', body: 'B'], tenant.key()).body.id
        call('POST', '/v1/ab-tests', [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, templateId: id]]], tenant.key())

        expect:
        call('DELETE', "/v1/templates/$id", null, tenant.key()).status == 409
        call('DELETE', "/v1/templates/$id", null, tenant.key()).body.code == 'template_in_use'
        call('GET', "/v1/templates/$id", null, tenant.key()).status == 200
    }
}
