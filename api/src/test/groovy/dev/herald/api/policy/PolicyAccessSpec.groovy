package dev.herald.api.policy

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * The S1 rules on the settings, template and A/B test endpoints: no credentials (401), an end
 * user's session (403: servers only), a key without the admin scope on settings (403), and
 * another org's ids (404, and nothing of the owner's changes).
 */
@MicronautTest(transactional = false)
class PolicyAccessSpec extends HeraldSpec {

    Tenant owner
    Tenant intruder
    Map ids

    def setup() {
        owner = newTenant()
        intruder = newTenant()
        owner.upsertUser('alice')
        call('PATCH', "/v1/apps/${owner.appId}/settings", [freqCapPerUserPerDay: 3], owner.key())
        def template = call('POST', '/v1/templates', [name: 'welcome', body: 'Hi {{user.id}}'], owner.key()).body
        def test = call('POST', '/v1/ab-tests', [name: 'copy', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, body: 'B']]], owner.key()).body
        ids = [app: owner.appId, template: template.id, test: test.id]
    }

    def "#method #path with no credentials is 401"() {
        expect:
        def response = call(method, resolve(path), body(method, path))
        response.status == 401
        response.contentType == 'application/problem+json'

        where:
        [method, path] << ALL
    }

    def "#method #path with a session JWT is 403: servers only"() {
        expect:
        def response = call(method, resolve(path), body(method, path), owner.bearer(owner.session('alice')))
        response.status == 403
        response.body.code == 'api_key_required'

        where:
        [method, path] << ALL
    }

    def "#method #path with a key without the admin scope is 403"() {
        given:
        def plainKey = call('POST', '/v1/api-keys', [name: 'plain'], owner.key()).body.key as String

        expect:
        def response = call(method, resolve(path), body(method, path), ['x-api-key': plainKey])
        response.status == 403
        response.body.code == 'admin_scope_required'

        where:
        [method, path] << ADMIN_ONLY
    }

    def "#method #path with a key without the admin scope is allowed"() {
        given:
        def plainKey = call('POST', '/v1/api-keys', [name: 'plain'], owner.key()).body.key as String

        expect:
        call(method, resolve(path), body(method, path), ['x-api-key': plainKey]).status in [200, 201]

        where:
        [method, path] << (ALL - ADMIN_ONLY).findAll { it[0] != 'DELETE' }
    }

    def "#method #path with another org's ids is 404 and changes nothing"() {
        when:
        def response = call(method, resolve(path), body(method, path), intruder.key())

        then:
        response.status == 404
        response.contentType == 'application/problem+json'
        response.body.code == 'not_found'

        and: "the owner's resources are as they were"
        call('GET', "/v1/apps/${ids.app}/settings", null, owner.key()).body.freqCapPerUserPerDay == 3
        call('GET', "/v1/templates/${ids.template}", null, owner.key()).body.name == 'welcome'
        with(call('GET', "/v1/ab-tests/${ids.test}", null, owner.key()).body) {
            name == 'copy'
            winner == null
        }

        where:
        [method, path] << CROSS_ORG
    }

    def "another org's lists do not show the owner's templates and tests"() {
        expect:
        call('GET', '/v1/templates', null, intruder.key()).body.items == []
        call('GET', '/v1/ab-tests', null, intruder.key()).body.items == []
    }

    static final List<List<String>> ADMIN_ONLY = [
            ['GET', '/v1/apps/{app}/settings'],
            ['PATCH', '/v1/apps/{app}/settings'],
    ]

    static final List<List<String>> CROSS_ORG = ADMIN_ONLY + [
            ['GET', '/v1/templates/{template}'],
            ['PUT', '/v1/templates/{template}'],
            ['DELETE', '/v1/templates/{template}'],
            ['POST', '/v1/templates/{template}/render'],
            ['GET', '/v1/ab-tests/{test}'],
            ['PUT', '/v1/ab-tests/{test}'],
            ['DELETE', '/v1/ab-tests/{test}'],
            ['POST', '/v1/ab-tests/{test}/winner'],
            ['GET', '/v1/ab-tests/{test}/results'],
    ]

    static final List<List<String>> ALL = CROSS_ORG + [
            ['POST', '/v1/templates'],
            ['GET', '/v1/templates'],
            ['POST', '/v1/ab-tests'],
            ['GET', '/v1/ab-tests'],
    ]

    private String resolve(String path) {
        path.replace('{app}', "${ids.app}").replace('{template}', "${ids.template}").replace('{test}', "${ids.test}")
    }

    /** A valid body for each endpoint, so that only access decides the answer. */
    private static Object body(String method, String path) {
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
        if (path.startsWith('/v1/ab-tests')) {
            return [name: 'changed', variants: [[key: 'a', weight: 50, body: 'X'], [key: 'b', weight: 50, body: 'Y']]]
        }
        null
    }
}
