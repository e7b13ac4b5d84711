package dev.herald.api.policy

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import dev.herald.domain.abtest.AbBuckets
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** Templates, variables, localized text and A/B variants, personalised per recipient and seen at APNs. */
@MicronautTest(transactional = false)
class PersonalizedSendSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.shop')
    }

    String device(String user, Map profile = [:], Map device = [:]) {
        tenant.upsertUser(user, profile)
        def token = apnsToken()
        tenant.registerDevice(user, [provider: 'APNS', token: token] + device)
        token
    }

    Map alertFor(String token) {
        def received = apns.receivedFor([token])
        assert received.size() == 1
        def payload = new JsonSlurper().parseText(received[0].payload())
        payload.aps.alert + [data: payload.findAll { it.key != 'aps' && it.key != 'herald' }]
    }

    def "a template send renders each recipient's locale, tags and the send's variables"() {
        given:
        def template = call('POST', '/v1/templates', [
                name     : 'shipped',
                title    : 'Hi {{tags.first_name | default: "there"}}',
                body     : 'Order {{vars.orderId}} has shipped',
                localized: [es: [title: 'Hola {{tags.first_name | default: "amigo"}}', body: 'El pedido {{vars.orderId}} va en camino'],
                            'es-MX': [body: 'Tu orden {{vars.orderId}} ya salió']],
                data     : [orderId: '{{vars.orderId}}']], tenant.key()).body.id
        def maria = device('maria', [locale: 'es-MX', tags: [first_name: 'María']])
        def juan = device('juan', [locale: 'es-AR'])
        def ann = device('ann', [locale: 'en-US', tags: [first_name: 'Ann']])
        def annInGerman = device('ann', [:], [locale: 'de-DE'])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['maria', 'juan', 'ann'], templateId: template,
                                                 variables: [orderId: 'A-7'], data: [source: 'api']], tenant.key())
        awaitSend(created.body.id)

        then:
        created.status == 201
        alertFor(maria) == [title: 'Hola María', body: 'Tu orden A-7 ya salió', data: [orderId: 'A-7', source: 'api']]
        alertFor(juan) == [title: 'Hola amigo', body: 'El pedido A-7 va en camino', data: [orderId: 'A-7', source: 'api']]
        alertFor(ann) == [title: 'Hi Ann', body: 'Order A-7 has shipped', data: [orderId: 'A-7', source: 'api']]
        alertFor(annInGerman).title == 'Hi Ann'
    }

    def "a send's own localized title and body maps are picked per device locale"() {
        given:
        def mx = device('u-mx', [locale: 'es-MX'])
        def fr = device('u-fr', [locale: 'fr-FR'])

        when:
        def sendId = call('POST', '/v1/sends', [userIds: ['u-mx', 'u-fr'], title: 'Sale', body: 'Today only',
                                                localized: [es: [title: 'Oferta', body: 'Solo hoy']]], tenant.key()).body.id
        awaitSend(sendId)

        then:
        alertFor(mx).subMap('title', 'body') == [title: 'Oferta', body: 'Solo hoy']
        alertFor(fr).subMap('title', 'body') == [title: 'Sale', body: 'Today only']
    }

    def "#description is a 400 at creation naming #field, and no send is stored"() {
        given:
        device('alice', [tags: [first_name: 'Alice']])
        device('bob')
        def template = call('POST', '/v1/templates', [name: 't', title: 'Hi {{tags.first_name}}', body: 'Order {{vars.orderId}}'], tenant.key()).body.id

        when:
        def response = call('POST', '/v1/sends', request instanceof Map ? request.collectEntries { k, v -> [k, v == 'TEMPLATE' ? template : v] } : request, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        response.body.errors.find { it.field == field }.message.contains(message)
        call('GET', '/v1/sends', null, tenant.key()).body.items == []

        where:
        description                        | request                                                                                           || field              | message
        'a send variable left out'         | [userIds: ['alice'], templateId: 'TEMPLATE']                                                      || 'variables.orderId' | '{{vars.orderId}} has no value'
        'a tag some users lack'            | [userIds: ['alice', 'bob'], templateId: 'TEMPLATE', variables: [orderId: '1']]                    || 'title'            | '1 of 2 users (bob)'
        'a tag in the send\'s own text'    | [userIds: ['bob'], title: 'Hi {{tags.first_name}}']                                               || 'title'            | 'any of the targeted users (bob)'
        'an unknown template'              | [userIds: ['alice'], templateId: UUID.randomUUID().toString()]                                    || 'templateId'       | 'no template'
        'a template and own text'          | [userIds: ['alice'], templateId: 'TEMPLATE', title: 'x', variables: [orderId: '1']]               || 'templateId'       | 'not both'
        'an unclosed placeholder'          | [userIds: ['alice'], title: 'Hi {{name']                                                          || 'title'            | 'never closed'
        'a bad locale key'                 | [userIds: ['alice'], title: 'x', localized: ['!!': [title: 'y']]]                                || 'localized.!!'     | 'BCP 47'
        'an unknown A/B test'              | [userIds: ['alice'], abTestId: UUID.randomUUID().toString()]                                      || 'abTestId'         | 'no A/B test'
        'variables not an object'          | '{"userIds":["alice"],"title":"x","variables":[1]}'                                               || 'variables'        | 'object'
    }

    def "a tokens send checks the tags of the users owning the tokens at creation, as a userIds send does"() {
        given:
        def alices = device('alice', [tags: [first_name: 'Alice']])
        def bobs = device('bob')
        def template = call('POST', '/v1/templates', [name: 't', title: 'Hi {{tags.first_name}}'], tenant.key()).body.id

        when:
        def refused = call('POST', '/v1/sends', [tokens: [alices, bobs], templateId: template], tenant.key())
        def fine = call('POST', '/v1/sends', [tokens: [alices], templateId: template], tenant.key())
        awaitSend(fine.body.id)

        then:
        refused.status == 400
        refused.contentType == 'application/problem+json'
        refused.body.errors.find { it.field == 'title' }.message.contains('1 of 2 users (bob)')
        fine.status == 201
        alertFor(alices).title == 'Hi Alice'
    }

    def "an audience send is checked when it starts: a device whose user lacks the tag is suppressed as missing_variable"() {
        given:
        def alice = device('alice', [tags: [first_name: 'Alice', plan: 'pro']])
        def bob = device('bob', [tags: [plan: 'pro']])

        when:
        def created = call('POST', '/v1/sends', [audience: [filter: [field: 'tag', key: 'plan', op: 'eq', value: 'pro']],
                                                 title: 'Hi {{tags.first_name}}'], tenant.key())
        awaitSend(created.body.id)
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items

        then:
        created.status == 201
        alertFor(alice).title == 'Hi Alice'
        apns.receivedFor([bob]).isEmpty()
        rows.find { it.userId == 'bob' }.subMap('status', 'reason') == [status: 'suppressed', reason: 'missing_variable']
    }

    def "a fallback makes a missing tag fine"() {
        given:
        def bob = device('bob')

        when:
        def sendId = call('POST', '/v1/sends', [userIds: ['bob'], title: 'Hi {{tags.first_name | default: "friend"}}'], tenant.key()).body.id
        awaitSend(sendId)

        then:
        alertFor(bob).title == 'Hi friend'
    }

    def "an A/B send gives each user their sticky variant, records it, and opens feed the per-variant stats"() {
        given:
        def test = call('POST', '/v1/ab-tests', [name: 'copy', variants: [
                [key: 'plain', weight: 50, title: 'New arrivals'],
                [key: 'urgent', weight: 50, title: 'Hurry, {{user.id}}!']]], tenant.key()).body.id
        def users = (1..24).collect { "shopper-$it".toString() }
        def tokens = users.collectEntries { [(it): device(it)] }

        when:
        def sendId = call('POST', '/v1/sends', [userIds: users, abTestId: test], tenant.key()).body.id
        awaitSend(sendId)

        then: 'each user got the variant of their bucket'
        def variantOf = users.collectEntries { [(it): AbBuckets.bucket(UUID.fromString(test), it) < 50 ? 'plain' : 'urgent'] }
        users.every { u -> alertFor(tokens[u]).title == (variantOf[u] == 'plain' ? 'New arrivals' : "Hurry, $u!".toString()) }
        variantOf.values().toSet() == ['plain', 'urgent'] as Set

        and: 'the send\'s deliveries show each row\'s variant'
        def rows = call('GET', "/v1/sends/$sendId/deliveries?limit=100", null, tenant.key()).body.items
        rows.size() == 24
        rows.every { it.abTestId == test && it.variant == variantOf[it.userId] }

        when: 'the urgent users all open it, the plain ones do not'
        def opens = []
        for (row in rows.findAll { variantOf[it.userId] == 'urgent' }) {
            opens << call('POST', '/v1/track/open', [sendId: sendId, deviceId: row.deviceId], tenant.key()).status
        }
        def results = call('GET', "/v1/ab-tests/$test/results", null, tenant.key()).body

        then:
        opens.every { it == 200 }
        def urgentUsers = variantOf.count { it.value == 'urgent' }
        results.variants*.key == ['plain', 'urgent']
        results.variants*.sent == [24 - urgentUsers, urgentUsers]
        results.variants*.opened == [0, urgentUsers]
        results.variants[1].openRate == 1.0
        results.leader == 'urgent'

        when: 'a winner is declared: the next send gives everyone the winner and does not count in the test'
        call('POST', "/v1/ab-tests/$test/winner", [variant: 'urgent'], tenant.key())
        def late = device('latecomer')
        def after = call('POST', '/v1/sends', [userIds: ['latecomer'], abTestId: test], tenant.key()).body.id
        awaitSend(after)

        then:
        alertFor(late).title == 'Hurry, latecomer!'
        call('GET', "/v1/ab-tests/$test/results", null, tenant.key()).body.variants*.sent == [24 - urgentUsers, urgentUsers]
    }

    def "a template's and an A/B variant's action buttons reach the device, filled, with their category"() {
        given:
        def template = call('POST', '/v1/templates', [name: 'shipped', title: 'Shipped', body: 'Order {{vars.orderId}}',
                actions: [[id: 'track', title: 'Track {{vars.orderId}}', url: 'shop://orders/{{vars.orderId}}'], [id: 'later', title: 'Later']]],
                tenant.key()).body.id
        def test = call('POST', '/v1/ab-tests', [name: 'buttons', variants: [
                [key: 'a', weight: 50, title: 'A', actions: [[id: 'buy', title: 'Buy now']]],
                [key: 'b', weight: 50, title: 'B', actions: [[id: 'see', title: 'See more, {{user.id}}']]]]], tenant.key()).body.id
        def viaTemplate = device('tina')
        def viaVariant = device('vic')

        when:
        def templated = call('POST', '/v1/sends', [userIds: ['tina'], templateId: template, variables: [orderId: 'A-7']], tenant.key())
        def experiment = call('POST', '/v1/sends', [userIds: ['vic'], abTestId: test], tenant.key())
        awaitSend(templated.body.id)
        awaitSend(experiment.body.id)
        def fromTemplate = new JsonSlurper().parseText(apns.receivedFor([viaTemplate])[0].payload())
        def fromVariant = new JsonSlurper().parseText(apns.receivedFor([viaVariant])[0].payload())

        then:
        templated.status == 201
        experiment.status == 201
        fromTemplate.herald.actions == [[id: 'track', title: 'Track A-7', url: 'shop://orders/A-7'], [id: 'later', title: 'Later']]
        fromTemplate.aps.category ==~ /herald\.[0-9a-f]{12}/
        fromTemplate.aps['mutable-content'] == 1
        fromVariant.herald.actions == (AbBuckets.bucket(UUID.fromString(test), 'vic') < 50
                ? [[id: 'buy', title: 'Buy now']] : [[id: 'see', title: 'See more, vic']])
        fromVariant.aps.category ==~ /herald\.[0-9a-f]{12}/
    }
}
