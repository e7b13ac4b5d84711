package dev.herald.api.security

import dev.herald.api.support.AuthTokens
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Instant

/** The authorization rules of S1, exactly: API key vs session JWT vs none, /me vs own vs other vs other org. */
@MicronautTest(transactional = false)
class AuthMatrixSpec extends HeraldSpec {

    Tenant tenant
    Tenant otherOrg

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
        tenant.upsertUser('bob')
        otherOrg = newTenant()
        otherOrg.upsertUser('zed')
    }

    def "#auth on #method /v1/users/#user/devices answers #status"() {
        when:
        def response = call(method, "/v1/users/$user/devices",
                method == 'POST' ? [provider: 'APNS', token: apnsToken()] : null, credentials(auth))

        then:
        response.status == status
        if (status >= 400) {
            assert response.contentType == 'application/problem+json'
            assert response.body.code == code
        }

        where:
        auth                      | method | user    || status | code
        'api key'                 | 'GET'  | 'me'    || 400    | 'me_needs_session'
        'api key'                 | 'GET'  | 'alice' || 200    | null
        'api key'                 | 'GET'  | 'bob'   || 200    | null
        'other org api key'       | 'GET'  | 'alice' || 404    | 'not_found'
        'alice session'           | 'GET'  | 'me'    || 200    | null
        'alice session'           | 'GET'  | 'alice' || 200    | null
        'alice session'           | 'GET'  | 'bob'   || 403    | 'cannot_act_as_another_user'
        'alice customer-signed'   | 'GET'  | 'me'    || 200    | null
        'other org session (zed)' | 'GET'  | 'alice' || 403    | 'cannot_act_as_another_user'
        'none'                    | 'GET'  | 'alice' || 401    | 'unauthorized'
        'bad api key'             | 'GET'  | 'alice' || 401    | 'unauthorized'
        'revoked api key'         | 'GET'  | 'alice' || 401    | 'unauthorized'
        'forged session'          | 'GET'  | 'me'    || 401    | 'unauthorized'
        'expired session'         | 'GET'  | 'me'    || 401    | 'unauthorized'
        'api key'                 | 'POST' | 'me'    || 400    | 'me_needs_session'
        'api key'                 | 'POST' | 'alice' || 201    | null
        'api key'                 | 'POST' | 'bob'   || 201    | null
        'other org api key'       | 'POST' | 'alice' || 404    | 'not_found'
        'alice session'           | 'POST' | 'me'    || 201    | null
        'alice session'           | 'POST' | 'alice' || 201    | null
        'alice session'           | 'POST' | 'bob'   || 403    | 'cannot_act_as_another_user'
        'alice customer-signed'   | 'POST' | 'me'    || 201    | null
        'other org session (zed)' | 'POST' | 'alice' || 403    | 'cannot_act_as_another_user'
        'none'                    | 'POST' | 'alice' || 401    | 'unauthorized'
        'forged session'          | 'POST' | 'me'    || 401    | 'unauthorized'
    }

    def "the errors explain themselves"() {
        expect:
        call('GET', '/v1/users/me/devices', null, tenant.key()).body.detail ==
                '/users/me needs an end-user session JWT; with an API key use /users/{id}/… with the user\'s id'
        call('GET', '/v1/users/bob/devices', null, credentials('alice session')).body.detail == 'Cannot act as another user'
    }

    def "#auth on user upsert answers #status"() {
        expect:
        call('PUT', "/v1/users/$user", [locale: 'en'], credentials(auth)).status == status

        where:
        auth            | user    || status
        'api key'       | 'alice' || 200
        'api key'       | 'newbie'|| 201
        'api key'       | 'me'    || 400
        'alice session' | 'alice' || 403
        'alice session' | 'me'    || 403
        'none'          | 'alice' || 401
    }

    def "a session can read its own user but not mint sessions"() {
        expect:
        call('GET', '/v1/users/me', null, credentials('alice session')).body.id == 'alice'
        call('POST', '/v1/users/alice/sessions', [:], credentials('alice session')).status == 403
    }

    def "an API key is also accepted as Authorization: Key"() {
        expect:
        call('GET', '/v1/users/alice/devices', null, ['Authorization': "Key ${tenant.adminKey}".toString()]).status == 200
    }

    private Map<String, String> credentials(String auth) {
        switch (auth) {
            case 'api key': return tenant.key()
            case 'other org api key': return otherOrg.key()
            case 'alice session': return tenant.bearer(tenant.session('alice'))
            case 'alice customer-signed': return tenant.bearer(AuthTokens.customerSigned(tenant, 'alice'))
            case 'other org session (zed)': return otherOrg.bearer(otherOrg.session('zed'))
            case 'none': return [:]
            case 'bad api key': return ['x-api-key': 'hk_' + '0' * 32 + '_' + 'x' * 43]
            case 'revoked api key':
                def key = call('POST', '/v1/api-keys', [name: 'temp'], tenant.key()).body
                assert call('DELETE', "/v1/api-keys/${key.id}", null, tenant.key()).status == 200
                return ['x-api-key': key.key as String]
            case 'forged session': return tenant.bearer(AuthTokens.customerSigned(tenant, 'alice', Instant.now().plusSeconds(300), 'a-secret-that-is-not-the-apps-secret-at-all'))
            case 'expired session': return tenant.bearer(AuthTokens.customerSigned(tenant, 'alice', Instant.now().minusSeconds(60)))
        }
        throw new IllegalArgumentException(auth)
    }

}
