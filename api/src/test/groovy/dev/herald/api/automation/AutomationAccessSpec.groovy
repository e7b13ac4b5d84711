package dev.herald.api.automation

import dev.herald.api.support.AccessMatrixSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * The S1 matrix on automations and their runs: servers only. Automation keys are the org's own
 * names, so another org's PUT of the same key makes its own automation; every other route
 * naming the owner's automation or run is 404 to it.
 */
@MicronautTest(transactional = false)
class AutomationAccessSpec extends AccessMatrixSpec {

    static final Map CART = AutomationHarness.example('cart-abandonment')
    static final Map SLOW = RunApiSpec.SLOW

    @Override
    Map<String, Object> arrange() {
        owner.useApns()
        publish('cart', CART)
        publish('slow', SLOW)
        publish('held', CART)
        assert call('POST', '/v1/automations/held/pause', null, owner.key()).status == 200
        def run = call('POST', '/v1/automations/slow/runs', [userId: 'alice'], owner.key())
        assert run.status == 201: run
        // automations are known by key; their names stand for them in what another org lists
        [run: run.body.id, automation: CART.name]
    }

    private void publish(String key, Map definition) {
        def response = call('PUT', "/v1/automations/$key", definition, owner.key())
        assert response.status in [200, 201]: response
    }

    @Override
    List<List<String>> routes() {
        [
                ['PUT', '/v1/automations/cart'],
                ['GET', '/v1/automations'],
                ['GET', '/v1/automations/cart'],
                ['GET', '/v1/automations/cart/versions'],
                ['GET', '/v1/automations/cart/versions/1'],
                ['POST', '/v1/automations/cart/pause'],
                ['POST', '/v1/automations/held/resume'],
                ['POST', '/v1/automations/cart/archive'],
                ['POST', '/v1/automations/slow/runs'],
                ['GET', '/v1/automations/slow/runs'],
                ['GET', '/v1/automation-runs'],
                ['GET', '/v1/automation-runs/{run}'],
                ['DELETE', '/v1/automation-runs/{run}'],
        ]
    }

    @Override
    List<List<String>> crossOrgRoutes() {
        routes() - [['PUT', '/v1/automations/cart'], ['GET', '/v1/automations'], ['GET', '/v1/automation-runs']]
    }

    /** Filters naming the owner's automation or user find nothing of the owner's either. */
    @Override
    List<String> listRoutes() {
        ['/v1/automations', '/v1/automation-runs', '/v1/automation-runs?automation=slow', '/v1/automation-runs?userId=alice']
    }

    @Override
    void ownerUnchanged() {
        assert call('GET', '/v1/automations/cart', null, owner.key()).body.subMap('status', 'version') == [status: 'active', version: 1]
        assert call('GET', '/v1/automations/held', null, owner.key()).body.status == 'paused'
        assert call('GET', "/v1/automation-runs/${ids.run}", null, owner.key()).body.status == 'running'
        assert call('GET', '/v1/automations/slow/runs', null, owner.key()).body.items*.id == [ids.run]
    }

    @Override
    Object body(String method, String path) {
        if (method == 'PUT') {
            return CART
        }
        path.endsWith('/runs') && method == 'POST' ? [userId: 'bob'] : null
    }
}
