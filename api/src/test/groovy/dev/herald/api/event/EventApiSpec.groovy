package dev.herald.api.event

import dev.herald.api.support.AuthTokens
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** POST /v1/events: servers for any user of their org, clients for their own user, once per Idempotency-Key. */
@MicronautTest(transactional = false)
class EventApiSpec extends HeraldSpec {

    @jakarta.inject.Inject
    io.micronaut.runtime.server.EmbeddedServer server


    Tenant tenant
    Tenant otherOrg

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
        tenant.upsertUser('bob')
        otherOrg = newTenant()
        otherOrg.upsertUser('zed')
    }

    def "a server records an event for a user with properties and a time"() {
        when:
        def response = call('POST', '/v1/events', [userId: 'alice', name: 'cart.updated', properties: [items: 2, total: 19.5],
                                                   time  : '2026-01-31T09:00:00Z'], tenant.key())

        then:
        response.status == 201
        response.body.userId == 'alice'
        response.body.name == 'cart.updated'
        response.body.properties == [items: 2, total: 19.5]
        response.body.time == '2026-01-31T09:00:00Z'
        response.body.source == 'server'
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and name = 'cart.updated'") == '1'
    }

    def "the same Idempotency-Key returns the first event and stores nothing new"() {
        given:
        def headers = tenant.key() + ['Idempotency-Key': 'evt-1']

        when:
        def first = call('POST', '/v1/events', [userId: 'alice', name: 'checkout.completed'], headers)
        def again = call('POST', '/v1/events', [userId: 'alice', name: 'checkout.completed'], headers)

        then:
        first.status == 201
        again.status == 200
        again.body.id == first.body.id
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '1'

        when: 'the key is reused for a different event'
        def reused = call('POST', '/v1/events', [userId: 'bob', name: 'checkout.completed'], headers)

        then:
        reused.status == 409
        reused.body.code == 'idempotency_key_reused'
    }

    def "#auth posting an event for #user answers #status"() {
        when:
        def response = call('POST', '/v1/events', [userId: user, name: 'app.opened'], credentials(auth))

        then:
        response.status == status
        response.contentType == (status >= 400 ? 'application/problem+json' : 'application/json')
        if (status == 201) {
            assert response.body.userId == expectedUser
            assert response.body.source == source
        } else {
            assert response.body.code == code
        }

        where:
        auth                | user    || status | code                         | expectedUser | source
        'api key'           | 'alice' || 201    | null                         | 'alice'      | 'server'
        'api key'           | 'bob'   || 201    | null                         | 'bob'        | 'server'
        'api key'           | null    || 400    | 'validation_failed'          | null         | null
        'api key'           | 'nobody'|| 404    | 'not_found'                  | null         | null
        'other org api key' | 'alice' || 404    | 'not_found'                  | null         | null
        'alice session'     | null    || 201    | null                         | 'alice'      | 'client'
        'alice session'     | 'alice' || 201    | null                         | 'alice'      | 'client'
        'alice session'     | 'me'    || 201    | null                         | 'alice'      | 'client'
        'alice session'     | 'bob'   || 403    | 'cannot_act_as_another_user' | null         | null
        'zed session'       | 'alice' || 403    | 'cannot_act_as_another_user' | null         | null
        'none'              | 'alice' || 401    | 'unauthorized'               | null         | null
    }

    def "a client may report before its server has upserted the user"() {
        when:
        def response = call('POST', '/v1/events', [name: 'app.installed'], tenant.bearer(AuthTokens.customerSigned(tenant, 'carol-new')))

        then:
        response.status == 201
        response.body.userId == 'carol-new'
    }

    def "an event with #description is a 400 naming #field, and nothing is stored"() {
        when:
        def response = call('POST', '/v1/events', body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '0'

        where:
        description               | body                                                                 || field
        'no name'                 | [userId: 'alice']                                                    || 'name'
        'a name with spaces'      | [userId: 'alice', name: 'cart updated']                              || 'name'
        "one of Herald's names"   | [userId: 'alice', name: 'push.opened']                               || 'name'
        'properties not an object'| '{"userId":"alice","name":"x","properties":[1]}'                     || 'properties'
        'huge properties'         | [userId: 'alice', name: 'x', properties: [blob: 'x' * 17_000]]       || 'properties'
        'a time that is no time'  | [userId: 'alice', name: 'x', time: 'yesterday']                      || 'time'
        'a time far ahead'        | [userId: 'alice', name: 'x', time: '2999-01-01T00:00:00Z']           || 'time'
        'a user id too long'      | [userId: 'u' * 300, name: 'x']                                       || 'userId'
    }

    def "a body that arrives in two parts and cannot be bound is still a 400 naming the field"() {
        given: 'a raw HTTP request whose JSON body is written in two parts, as a slow network delivers it'
        def body = '{"userId":"alice","name":"x","time":"yesterday"}'.getBytes('UTF-8')
        def head = "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nx-api-key: ${tenant.key()['x-api-key']}\r\n" +
                "Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n"

        when:
        String answer = new Socket('127.0.0.1', server.port).withCloseable { socket ->
            socket.soTimeout = 10_000
            def out = socket.outputStream
            out.write(head.getBytes('UTF-8'))
            out.write(body, 0, 20)
            out.flush()
            Thread.sleep(200)
            out.write(body, 20, body.length - 20)
            out.flush()
            socket.inputStream.text
        }

        then:
        answer.startsWith('HTTP/1.1 400')
        answer.contains('"field":"time"')
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '0'
    }

    private Map<String, String> credentials(String auth) {
        switch (auth) {
            case 'api key': return tenant.key()
            case 'other org api key': return otherOrg.key()
            case 'alice session': return tenant.bearer(tenant.session('alice'))
            case 'zed session': return otherOrg.bearer(otherOrg.session('zed'))
            case 'none': return [:]
        }
        throw new IllegalArgumentException(auth)
    }
}
