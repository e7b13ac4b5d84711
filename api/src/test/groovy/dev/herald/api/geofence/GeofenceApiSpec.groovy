package dev.herald.api.geofence

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Instant
import java.time.temporal.ChronoUnit

/** Geofence CRUD, the fences a client arms, transition reports that become geofence.* events, and 30-day counts. */
@MicronautTest(transactional = false)
class GeofenceApiSpec extends HeraldSpec {

    static final Map STORE = [name: 'Store Mitte', latitude: 52.5200, longitude: 13.4050, radiusMeters: 150,
                              triggers: ['enter', 'exit', 'dwell'], dwellMinutes: 5, priority: 10]

    Tenant tenant
    Tenant otherOrg

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
        otherOrg = newTenant()
    }

    Map create(Map fence = STORE, Tenant owner = tenant) {
        def response = call('POST', '/v1/geofences', fence, owner.key())
        assert response.status == 201: response
        response.body
    }

    def "create, read, list, replace and delete a geofence"() {
        when:
        def created = create()

        then:
        created.subMap('name', 'latitude', 'longitude', 'radiusMeters', 'dwellMinutes', 'priority', 'enabled') ==
                [name: 'Store Mitte', latitude: 52.52, longitude: 13.405, radiusMeters: 150, dwellMinutes: 5, priority: 10, enabled: true]
        created.triggers == ['enter', 'exit', 'dwell']

        expect:
        call('GET', "/v1/geofences/${created.id}", null, tenant.key()).body.name == 'Store Mitte'
        call('GET', '/v1/geofences', null, tenant.key()).body.items*.id == [created.id]

        when:
        def replaced = call('PUT', "/v1/geofences/${created.id}", STORE + [name: 'Store Mitte (closed)', triggers: ['enter'],
                                                                            dwellMinutes: null, enabled: false], tenant.key())

        then:
        replaced.status == 200
        replaced.body.name == 'Store Mitte (closed)'
        replaced.body.triggers == ['enter']
        !replaced.body.enabled

        when:
        def deleted = call('DELETE', "/v1/geofences/${created.id}", null, tenant.key())

        then:
        deleted.status == 204
        call('GET', "/v1/geofences/${created.id}", null, tenant.key()).status == 404
    }

    def "a geofence with #description is a 400 naming #field, and nothing is stored"() {
        when:
        def response = call('POST', '/v1/geofences', body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        call('GET', '/v1/geofences', null, tenant.key()).body.items == []

        where:
        description            | body                                        || field
        'no name'              | STORE + [name: null]                        || 'name'
        'latitude 91'          | STORE + [latitude: 91]                      || 'latitude'
        'latitude not a number'| STORE + [latitude: 'north']                 || 'latitude'
        'longitude -181'       | STORE + [longitude: -181]                   || 'longitude'
        'a radius of 10 m'     | STORE + [radiusMeters: 10]                  || 'radiusMeters'
        'a radius of 100 km'   | STORE + [radiusMeters: 100_000]             || 'radiusMeters'
        'an unknown trigger'   | STORE + [triggers: ['enter', 'teleport']]   || 'triggers[1]'
        'no triggers'          | STORE + [triggers: []]                      || 'triggers'
        'dwell without minutes'| STORE + [dwellMinutes: null]                || 'dwellMinutes'
        'priority 5000'        | STORE + [priority: 5000]                    || 'priority'
    }

    def "a client arms at most #cap fences on #platform: highest priority first, then nearest"() {
        given: '120 fences around a point, a few of them important, one far away, one disabled'
        (1..117).each { create(STORE + [name: "f$it".toString(), latitude: 52.52 + it * 0.0005, priority: 0]) }
        create(STORE + [name: 'vip-far', latitude: 52.60, priority: 50])
        create(STORE + [name: 'vip-near', latitude: 52.5205, priority: 50])
        create(STORE + [name: 'off', latitude: 52.5201, priority: 99, enabled: false])
        create(STORE + [name: 'munich', latitude: 48.1351, longitude: 11.5820, priority: 100])

        when:
        def response = call('GET', "/v1/geofences/nearby?latitude=52.52&longitude=13.405&platform=$platform",
                null, tenant.bearer(tenant.session('alice')))

        then:
        response.status == 200
        response.body.limit == cap
        response.body.items.size() == cap
        response.body.items[0..1]*.name == ['vip-near', 'vip-far']
        response.body.items[2..4]*.name == ['f1', 'f2', 'f3']
        !response.body.items*.name.contains('off')
        !response.body.items*.name.contains('munich')
        response.body.items[2..-1]*.distanceMeters == response.body.items[2..-1]*.distanceMeters.sort()

        where:
        platform  || cap
        'ios'     || 20
        'android' || 100
    }

    def "nearby with #query is a 400 naming #field"() {
        expect:
        def response = call('GET', "/v1/geofences/nearby?$query", null, tenant.key())
        response.status == 400
        response.body.errors*.field.contains(field)

        where:
        query                                           || field
        'longitude=13&platform=ios'                     || 'latitude'
        'latitude=52&longitude=200&platform=ios'        || 'longitude'
        'latitude=52&longitude=13&platform=windows'     || 'platform'
        'latitude=52&longitude=13'                      || 'platform'
        'latitude=52&longitude=13&platform=ios&withinKm=0' || 'withinKm'
    }

    def "reported transitions become geofence events, a flapping boundary only once per 10 minutes, and are counted"() {
        given:
        def fence = create()
        def session = tenant.bearer(tenant.session('alice'))
        def t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        def report = { String transition, Instant at -> post("/v1/geofences/${fence.id}/transitions", [transition: transition, time: at.toString()], session) }

        when: 'the user enters, then flaps across the boundary for a few minutes'
        def entered = report('enter', t0)
        def flaps = [report('exit', t0.plusSeconds(60)), report('enter', t0.plusSeconds(120)), report('exit', t0.plusSeconds(180)),
                     report('enter', t0.plusSeconds(240))]
        def dwelled = report('dwell', t0.plusSeconds(300))
        def laterEnter = report('enter', t0.plusSeconds(1800))

        then:
        entered.status == 201
        entered.body.counted
        entered.body.event == 'geofence.entered'
        flaps*.body*.counted == [true, false, false, false]
        flaps*.body*.reason == [null, 'debounced', 'debounced', 'debounced']
        flaps*.status == [201, 200, 200, 200]
        dwelled.body.event == 'geofence.dwelled'
        laterEnter.body.counted

        and: 'each counted report is an event of the user with the fence in its properties'
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and name like 'geofence.%'") == '4'
        queryValue("select properties->>'geofenceName' from events where id = '${entered.body.eventId}'") == 'Store Mitte'
        queryValue("select u.external_id from events e join users u on u.id = e.user_id where e.id = '${entered.body.eventId}'") == 'alice'

        and: 'of the app whose session reported it'
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and name like 'geofence.%' and app_id = '${tenant.appId}'") == '4'

        and: 'the fence counts what counted in the last 30 days'
        def stats = call('GET', "/v1/geofences/${fence.id}/stats", null, tenant.key()).body
        stats.counts == ['geofence.entered': 2, 'geofence.exited': 1, 'geofence.dwelled': 1]
        stats.total == 4
    }

    def "a transition the fence does not report, or on a disabled fence, makes no event"() {
        given:
        def enterOnly = create(STORE + [triggers: ['enter'], dwellMinutes: null])
        def disabled = create(STORE + [enabled: false])

        expect:
        call('POST', "/v1/geofences/${enterOnly.id}/transitions", [transition: 'exit', userId: 'alice'], tenant.key()).body ==
                [counted: false, reason: 'trigger_not_enabled']
        call('POST', "/v1/geofences/${disabled.id}/transitions", [transition: 'enter', userId: 'alice'], tenant.key()).body ==
                [counted: false, reason: 'fence_disabled']
        call('POST', "/v1/geofences/${enterOnly.id}/transitions", [transition: 'jump', userId: 'alice'], tenant.key()).body.errors*.field == ['transition']
        queryValue("select count(*) from events where org_id = '${tenant.orgId}'") == '0'
    }

    def "#auth on #method #path answers #status"() {
        given:
        def fence = create()
        tenant.upsertUser('bob')

        expect:
        def response = call(method, path.replace('{id}', fence.id as String), body, credentials(auth))
        response.status == status
        if (status >= 400) {
            assert response.contentType == 'application/problem+json'
        }

        where:
        auth                | method   | path                                                   | body                                 || status
        'none'              | 'GET'    | '/v1/geofences'                                        | null                                 || 401
        'none'              | 'POST'   | '/v1/geofences'                                        | STORE                                || 401
        'none'              | 'GET'    | '/v1/geofences/nearby?latitude=52&longitude=13&platform=ios' | null                           || 401
        'none'              | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter']                || 401
        'alice session'     | 'POST'   | '/v1/geofences'                                        | STORE                                || 403
        'alice session'     | 'GET'    | '/v1/geofences'                                        | null                                 || 403
        'alice session'     | 'GET'    | '/v1/geofences/{id}'                                   | null                                 || 403
        'alice session'     | 'PUT'    | '/v1/geofences/{id}'                                   | STORE                                || 403
        'alice session'     | 'DELETE' | '/v1/geofences/{id}'                                   | null                                 || 403
        'alice session'     | 'GET'    | '/v1/geofences/{id}/stats'                             | null                                 || 403
        'alice session'     | 'GET'    | '/v1/geofences/nearby?latitude=52&longitude=13&platform=ios' | null                           || 200
        'api key'           | 'GET'    | '/v1/geofences/nearby?latitude=52&longitude=13&platform=ios' | null                           || 200
        'alice session'     | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter']                || 201
        'alice session'     | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter', userId: 'bob'] || 403
        'api key'           | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter', userId: 'bob'] || 201
        'api key'           | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter']                || 400
        'other org api key' | 'GET'    | '/v1/geofences/{id}'                                   | null                                 || 404
        'other org api key' | 'PUT'    | '/v1/geofences/{id}'                                   | STORE                                || 404
        'other org api key' | 'DELETE' | '/v1/geofences/{id}'                                   | null                                 || 404
        'other org api key' | 'GET'    | '/v1/geofences/{id}/stats'                             | null                                 || 404
        'other org api key' | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter', userId: 'zed'] || 404
        'other org session' | 'POST'   | '/v1/geofences/{id}/transitions'                       | [transition: 'enter']                || 404
    }

    def "another org's geofence is untouched by its failed calls, and not among its nearby fences"() {
        given:
        def fence = create()

        when:
        call('PUT', "/v1/geofences/${fence.id}", STORE + [name: 'hijacked'], otherOrg.key())
        call('DELETE', "/v1/geofences/${fence.id}", null, otherOrg.key())

        then:
        call('GET', "/v1/geofences/${fence.id}", null, tenant.key()).body.name == 'Store Mitte'
        call('GET', '/v1/geofences/nearby?latitude=52.52&longitude=13.405&platform=ios', null, otherOrg.key()).body.items == []
        call('GET', '/v1/geofences', null, otherOrg.key()).body.items == []
    }

    private Response post(String path, Map body, Map headers) {
        call('POST', path, body, headers)
    }

    private Map<String, String> credentials(String auth) {
        switch (auth) {
            case 'api key': return tenant.key()
            case 'other org api key': return otherOrg.key()
            case 'alice session': return tenant.bearer(tenant.session('alice'))
            case 'other org session':
                otherOrg.upsertUser('zed')
                return otherOrg.bearer(otherOrg.session('zed'))
            case 'none': return [:]
        }
        throw new IllegalArgumentException(auth)
    }
}
