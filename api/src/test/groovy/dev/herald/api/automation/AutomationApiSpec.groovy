package dev.herald.api.automation

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** Publishing definitions as versions, validation that names the step, and the automation lifecycle. */
@MicronautTest(transactional = false)
class AutomationApiSpec extends HeraldSpec {

    static Map example(String name) {
        new JsonSlurper().parse(AutomationApiSpec.getResourceAsStream("/automation-examples/${name}.json")) as Map
    }

    static final Map CART = example('cart-abandonment')

    Tenant tenant

    def setup() {
        tenant = newTenant()
    }

    def "publishing creates version 1, an unchanged definition publishes nothing, a change makes version 2"() {
        when:
        def first = call('PUT', '/v1/automations/cart', CART, tenant.key())

        then:
        first.status == 201
        first.body.subMap('key', 'name', 'status', 'version', 'trigger') ==
                [key: 'cart', name: 'Cart abandonment', status: 'active', version: 1, trigger: 'cart.updated']
        first.body.definition == CART

        when:
        def same = call('PUT', '/v1/automations/cart', CART, tenant.key())

        then:
        same.status == 200
        same.body.version == 1

        when:
        def changed = CART + [steps: [CART.steps[0] + [timeout: '2h'], CART.steps[1]]]
        def second = call('PUT', '/v1/automations/cart', changed, tenant.key())

        then:
        second.status == 200
        second.body.version == 2
        second.body.definition.steps[0].timeout == '2h'

        and: 'both versions stay readable'
        def versions = call('GET', '/v1/automations/cart/versions', null, tenant.key()).body.items
        versions*.version == [2, 1]
        versions*.current == [true, false]
        versions[1].listensTo == ['checkout.completed']
        call('GET', '/v1/automations/cart/versions/1', null, tenant.key()).body.definition.steps[0].timeout == '1h'
        call('GET', '/v1/automations/cart/versions/3', null, tenant.key()).status == 404
    }

    def "every shipped example publishes"() {
        expect:
        call('PUT', "/v1/automations/$name", example(name), tenant.key()).status == 201
        call('GET', "/docs/examples/automations/${name}.json", null, [:]).body == example(name)

        where:
        name << ['geofence-welcome', 'onboarding-drip', 'cart-abandonment']
    }

    def "the README shows the shipped example #name exactly as it is served"() {
        given:
        def readme = new File('../README.md').text
        def served = AutomationApiSpec.getResourceAsStream("/automation-examples/${name}.json").text.trim()

        expect:
        readme.contains("```json\n$served\n```")

        where:
        name << ['geofence-welcome', 'onboarding-drip', 'cart-abandonment']
    }

    def "an invalid definition (#problem) is a 400 naming the step, and nothing is published"() {
        when:
        def response = call('PUT', '/v1/automations/broken', definition, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.code == 'validation_failed'
        response.body.errors.find { it.field == field }?.message?.contains(message)
        response.body.detail.contains(field)
        call('GET', '/v1/automations/broken', null, tenant.key()).status == 404

        where:
        problem          | definition                                                                              || field               | message
        'unknown step'   | CART + [steps: [[id: 'text-them', type: 'send_sms', body: 'hi']]]                       || 'steps[0].type'     | 'step "text-them": unknown step type \'send_sms\''
        'missing branch' | CART + [steps: [[id: 'vip', type: 'branch', when: ['user.tags.plan': 'pro'], then: 'end']]] || 'steps[0].else' | 'step "vip": missing branch'
        'cycle'          | CART + [steps: [[id: 'nag', type: 'send_push', title: 'x'], [id: 'again', type: 'delay', duration: '1h', next: 'nag']]] || 'steps[1].next' | 'step "again": cycle nag → again → nag'
        'bad duration'   | CART + [steps: [[id: 'checkout', type: 'wait_for_event', event: 'checkout.completed', timeout: 'an hour']]] || 'steps[0].timeout' | 'step "checkout": \'an hour\' is not a duration'
        'huge duration'  | CART + [steps: [[id: 'checkout', type: 'wait_for_event', event: 'checkout.completed', timeout: '99999999999999999999d']]] || 'steps[0].timeout' | 'step "checkout": \'99999999999999999999d\' must be more than zero and at most 365 days'
        'overflowing sum' | CART + [steps: [[id: 'pause', type: 'delay', duration: '9223372036854775807s 9223372036854775807s']]] || 'steps[0].duration' | 'step "pause"'
    }

    def "a republished invalid definition leaves the current version as it was"() {
        given:
        call('PUT', '/v1/automations/cart', CART, tenant.key())

        when:
        def response = call('PUT', '/v1/automations/cart', CART + [steps: [[type: 'delay', duration: 'soon']]], tenant.key())

        then:
        response.status == 400
        call('GET', '/v1/automations/cart', null, tenant.key()).body.subMap('version', 'definition') == [version: 1, definition: CART]
    }

    def "#description is a 400 naming #field"() {
        expect:
        def response = call(method, path, body, tenant.key())
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)

        where:
        description          | method | path                              | body          || field
        'a key with capitals'| 'PUT'  | '/v1/automations/Cart'            | CART          || 'key'
        'a body not object'  | 'PUT'  | '/v1/automations/cart'            | '[1,2]'       || 'body'
        'an unknown status'  | 'GET'  | '/v1/automations?status=sleeping' | null          || 'status'
    }

    def "pause, resume and archive; an archived automation takes no versions and cannot come back"() {
        given:
        call('PUT', '/v1/automations/cart', CART, tenant.key())

        expect:
        call('POST', '/v1/automations/cart/pause', null, tenant.key()).body.status == 'paused'
        call('GET', '/v1/automations?status=paused', null, tenant.key()).body.items*.key == ['cart']
        call('POST', '/v1/automations/cart/resume', null, tenant.key()).body.status == 'active'
        call('POST', '/v1/automations/cart/archive', null, tenant.key()).body.status == 'archived'
        call('GET', '/v1/automations', null, tenant.key()).body.items == []
        call('GET', '/v1/automations?status=archived', null, tenant.key()).body.items*.key == ['cart']

        when:
        def republish = call('PUT', '/v1/automations/cart', CART + [name: 'again'], tenant.key())
        def resume = call('POST', '/v1/automations/cart/resume', null, tenant.key())

        then:
        republish.status == 409
        republish.body.code == 'automation_archived'
        resume.status == 409
        call('GET', '/v1/automations/cart', null, tenant.key()).body.subMap('status', 'version') == [status: 'archived', version: 1]
    }
}
