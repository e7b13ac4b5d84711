package dev.herald.api.event

import dev.herald.api.support.AccessMatrixSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** The S1 matrix on events and geofences: clients report for their own user, servers manage the fences. */
@MicronautTest(transactional = false)
class EventAccessSpec extends AccessMatrixSpec {

    static final Map STORE = [name: 'Store Mitte', latitude: 52.5200, longitude: 13.4050, radiusMeters: 150,
                              triggers: ['enter', 'exit', 'dwell'], dwellMinutes: 5, priority: 10]

    @Override
    Map<String, Object> arrange() {
        def fence = call('POST', '/v1/geofences', STORE, owner.key())
        assert fence.status == 201: fence
        [fence: fence.body.id]
    }

    @Override
    List<List<String>> routes() {
        [
                ['POST', '/v1/events'],
                ['GET', '/v1/events?userId=alice'],
                ['POST', '/v1/geofences'],
                ['GET', '/v1/geofences'],
                ['GET', '/v1/geofences/nearby?latitude=52.52&longitude=13.405&platform=ios'],
                ['GET', '/v1/geofences/{fence}'],
                ['PUT', '/v1/geofences/{fence}'],
                ['DELETE', '/v1/geofences/{fence}'],
                ['GET', '/v1/geofences/{fence}/stats'],
                ['POST', '/v1/geofences/{fence}/transitions'],
        ]
    }

    /** The fences a device arms are the app's, not a user's. */
    @Override
    List<List<String>> clientRoutes() {
        [['GET', '/v1/geofences/nearby?latitude=52.52&longitude=13.405&platform=ios']]
    }

    /** What a user did: a session reports it for its own user (the body names alice). */
    @Override
    List<List<String>> ownUserRoutes() {
        [['POST', '/v1/events'], ['GET', '/v1/events?userId=alice'], ['POST', '/v1/geofences/{fence}/transitions']]
    }

    /** Alice and her org's fence: another org knows neither. */
    @Override
    List<List<String>> crossOrgRoutes() {
        super.crossOrgRoutes() + [['POST', '/v1/events'], ['GET', '/v1/events?userId=alice']]
    }

    /** Alice's events name a user, so another org's key gets 404 for them rather than an empty list. */
    @Override
    List<String> listRoutes() {
        super.listRoutes() - ['/v1/events?userId=alice']
    }

    @Override
    void ownerUnchanged() {
        assert call('GET', "/v1/geofences/${ids.fence}", null, owner.key()).body.subMap('name', 'radiusMeters', 'enabled') ==
                [name: 'Store Mitte', radiusMeters: 150, enabled: true]
        assert queryValue("select count(*) from events where org_id = '${owner.orgId}'") == '0'
        assert queryValue("select count(*) from events where org_id = '${intruder.orgId}'") == '0'
    }

    @Override
    Object body(String method, String path) {
        if (path == '/v1/events') {
            return [name: 'cart.viewed', userId: 'alice', properties: [sku: 'A1']]
        }
        if (path.endsWith('/transitions')) {
            return [transition: 'enter', userId: 'alice']
        }
        method in ['POST', 'PUT'] ? STORE + [name: 'Store Ost'] : null
    }
}
