package dev.herald.api.event

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** GET /v1/events: one user's events, newest first, by name and time, a page at a time. */
@MicronautTest(transactional = false)
class EventListSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
        tenant.upsertUser('bob')
        record('alice', 'cart.updated', '2026-01-01T10:00:00Z', [items: 1])
        record('alice', 'checkout.completed', '2026-01-02T10:00:00Z', [total: 20])
        record('alice', 'cart.updated', '2026-01-03T10:00:00Z', [items: 2])
        record('alice', 'cart.updated', '2026-01-04T10:00:00Z', [items: 3])
        record('bob', 'cart.updated', '2026-01-05T10:00:00Z', [items: 9])
    }

    private void record(String user, String name, String time, Map properties) {
        def response = call('POST', '/v1/events', [userId: user, name: name, time: time, properties: properties], tenant.key())
        assert response.status == 201: response
    }

    private HeraldSpec.Response list(String query, Map<String, String> credentials = tenant.key()) {
        call('GET', "/v1/events?$query", null, credentials)
    }

    def "a server lists a user's events, newest first, with their properties"() {
        when:
        def page = list('userId=alice')

        then:
        page.status == 200
        page.body.items*.time == ['2026-01-04T10:00:00Z', '2026-01-03T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-01T10:00:00Z']
        page.body.items*.userId.unique() == ['alice']
        page.body.items[0].subMap('name', 'properties', 'source') == [name: 'cart.updated', properties: [items: 3], source: 'server']
        page.body.next == null
    }

    def "#query lists #times"() {
        expect:
        list("userId=alice&$query").body.items*.time == times

        where:
        query                                                                 || times
        'name=cart.updated'                                                   || ['2026-01-04T10:00:00Z', '2026-01-03T10:00:00Z', '2026-01-01T10:00:00Z']
        'name=checkout.completed'                                             || ['2026-01-02T10:00:00Z']
        'name=nothing.happened'                                               || []
        'from=2026-01-02T10:00:00Z'                                           || ['2026-01-04T10:00:00Z', '2026-01-03T10:00:00Z', '2026-01-02T10:00:00Z']
        'to=2026-01-03T10:00:00Z'                                             || ['2026-01-02T10:00:00Z', '2026-01-01T10:00:00Z']
        'from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z&name=cart.updated' || ['2026-01-03T10:00:00Z']
    }

    def "pages follow one another through next, and together list every event once"() {
        when:
        def first = list('userId=alice&limit=3')
        def second = list("userId=alice&limit=3&after=${first.body.next}")

        then:
        first.body.items.size() == 3
        first.body.next == first.body.items[2].id
        second.body.items*.time == ['2026-01-01T10:00:00Z']
        second.body.next == null
    }

    def "a session lists its own user's events without naming the user, or as me or by id"() {
        given:
        def alice = tenant.bearer(tenant.session('alice'))

        expect:
        call('GET', '/v1/events', null, alice).body.items.size() == 4
        list('userId=me', alice).body.items.size() == 4
        list('userId=alice&name=checkout.completed', alice).body.items*.properties == [[total: 20]]
    }

    def "a session of a user the server has not upserted yet lists nothing"() {
        expect:
        def response = call('GET', '/v1/events', null, tenant.bearer(dev.herald.api.support.AuthTokens.customerSigned(tenant, 'newcomer')))
        response.status == 200
        response.body.items == []
    }

    def "#what is a #status naming #field"() {
        when:
        def response = call('GET', "/v1/events$query", null, credentials == 'session' ? tenant.bearer(tenant.session('alice')) : tenant.key())

        then:
        response.status == status
        response.contentType == 'application/problem+json'
        response.body.code == code
        field == null || response.body.errors*.field.contains(field)

        where:
        what                              | query                                                      | credentials || status | code                         | field
        'a server without userId'         | ''                                                         | 'key'       || 400    | 'validation_failed'          | 'userId'
        'an unknown user'                 | '?userId=nobody'                                           | 'key'       || 404    | 'not_found'                  | null
        'a from that is no time'          | '?userId=alice&from=yesterday'                             | 'key'       || 400    | 'validation_failed'          | 'from'
        'a to that is no time'            | '?userId=alice&to=2026-13-01'                              | 'key'       || 400    | 'validation_failed'          | 'to'
        'a to not after from'             | '?userId=alice&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z' | 'key' || 400    | 'validation_failed'          | 'to'
        'a cursor that is no event id'    | '?userId=alice&after=xyz'                                  | 'key'       || 400    | 'validation_failed'          | 'after'
        'a limit over 500'                | '?userId=alice&limit=501'                                  | 'key'       || 400    | 'validation_failed'          | 'limit'
        'a session naming another user'   | '?userId=bob'                                              | 'session'   || 403    | 'cannot_act_as_another_user' | null
    }

    def "another org's key finds none of alice's events"() {
        given:
        def other = newTenant()

        expect:
        list('userId=alice', other.key()).status == 404
    }
}
