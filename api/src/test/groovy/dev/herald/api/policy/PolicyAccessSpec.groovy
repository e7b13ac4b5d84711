package dev.herald.api.policy

import dev.herald.api.support.AccessMatrixSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** The S1 matrix on the settings, template and A/B test endpoints. */
@MicronautTest(transactional = false)
class PolicyAccessSpec extends AccessMatrixSpec {

    @Override
    Map<String, Object> arrange() {
        call('PATCH', "/v1/apps/${owner.appId}/settings", [freqCapPerUserPerDay: 3], owner.key())
        def template = call('POST', '/v1/templates', [name: 'welcome', body: 'Hi {{user.id}}'], owner.key()).body
        def test = call('POST', '/v1/ab-tests', [name: 'copy', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, body: 'B']]], owner.key()).body
        [app: owner.appId, template: template.id, test: test.id]
    }

    @Override
    List<List<String>> routes() {
        [
                ['GET', '/v1/apps/{app}/settings'],
                ['PATCH', '/v1/apps/{app}/settings'],
                ['POST', '/v1/templates'],
                ['GET', '/v1/templates'],
                ['GET', '/v1/templates/{template}'],
                ['PUT', '/v1/templates/{template}'],
                ['DELETE', '/v1/templates/{template}'],
                ['POST', '/v1/templates/{template}/render'],
                ['POST', '/v1/ab-tests'],
                ['GET', '/v1/ab-tests'],
                ['GET', '/v1/ab-tests/{test}'],
                ['PUT', '/v1/ab-tests/{test}'],
                ['DELETE', '/v1/ab-tests/{test}'],
                ['POST', '/v1/ab-tests/{test}/winner'],
                ['GET', '/v1/ab-tests/{test}/results'],
        ]
    }

    @Override
    List<List<String>> adminRoutes() {
        [['GET', '/v1/apps/{app}/settings'], ['PATCH', '/v1/apps/{app}/settings']]
    }

    @Override
    void ownerUnchanged() {
        assert call('GET', "/v1/apps/${ids.app}/settings", null, owner.key()).body.freqCapPerUserPerDay == 3
        assert call('GET', "/v1/templates/${ids.template}", null, owner.key()).body.name == 'welcome'
        def test = call('GET', "/v1/ab-tests/${ids.test}", null, owner.key()).body
        assert test.name == 'copy' && test.winner == null
    }

    @Override
    Object body(String method, String path) {
        if (method in ['GET', 'DELETE']) {
            return null
        }
        if (path.endsWith('/settings')) {
            return [freqCapPerUserPerDay: 9]
        }
        if (path.endsWith('/render')) {
            return [variables: [:]]
        }
        if (path.endsWith('/winner')) {
            return [variant: 'b']
        }
        if (path.startsWith('/v1/templates')) {
            return [name: "t-${UUID.randomUUID()}".toString(), body: 'changed']
        }
        [name: 'changed', variants: [[key: 'a', weight: 50, body: 'X'], [key: 'b', weight: 50, body: 'Y']]]
    }
}
