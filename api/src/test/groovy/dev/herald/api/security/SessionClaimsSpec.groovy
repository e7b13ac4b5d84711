package dev.herald.api.security

import dev.herald.api.support.AuthTokens
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Instant

/**
 * A session JWT as a customer's server signs it ({@code sub}, {@code exp}, the app's id in the
 * standard {@code aud} or Herald's {@code app}), and the 401 a newcomer gets for any credential
 * that does not work: its detail says what was wrong and which header or token Herald reads.
 */
@MicronautTest(transactional = false)
class SessionClaimsSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
    }

    def "a session signed HS256 with the app's secret and the app's id in #where is alice's session"() {
        given:
        def token = AuthTokens.signed(tenant, [sub: 'alice', exp: Instant.now().plusSeconds(300)] + claims(tenant.appId.toString(), tenant.orgId.toString()))

        when:
        def me = call('GET', '/v1/users/me', null, tenant.bearer(token))

        then:
        me.status == 200
        me.body.id == 'alice'

        where:
        where                                  | claims
        'aud'                                  | { String app, String org -> [aud: app] }
        'aud, among other audiences'           | { String app, String org -> [aud: ['https://api.example.com', app]] }
        'app'                                  | { String app, String org -> [app: app] }
        'app, beside an aud naming another'    | { String app, String org -> [app: app, aud: 'https://api.example.com'] }
        'aud, with the org claim of its org'   | { String app, String org -> [aud: app, org: org] }
    }

    def "a session #what is a 401 whose detail says #says"() {
        given:
        def token = tokenFor(what)

        when:
        def response = call('GET', '/v1/users/me', null, tenant.bearer(token))

        then:
        response.status == 401
        response.contentType == 'application/problem+json'
        response.body.code == 'unauthorized'
        response.body.detail.contains(says)

        where:
        what                                 || says
        'that expired ten minutes ago'       || 'The session JWT expired at'
        'signed with another secret'         || 'signature does not verify with the secret of app'
        'without app or aud'                 || "names no app: put the app's id in its `aud` claim"
        'whose aud is no app id'             || "`aud` claim names no app id"
        'whose app claim is no UUID'         || "`app` claim must be the app's id"
        'naming an app that does not exist'  || 'which does not exist'
        'without sub'                        || 'lacks required claims: it needs `sub`'
        'without exp'                        || 'lacks required claims'
        'of another org'                     || "`org` claim is not the org of app"
        'that is no JWT'                     || 'The session JWT is malformed'
    }

    def "#credentials is a 401 whose detail says #says"() {
        when:
        def response = call('GET', '/v1/users/alice', null, headers)

        then:
        response.status == 401
        response.contentType == 'application/problem+json'
        response.body.code == 'unauthorized'
        response.body.detail.contains(says)

        where:
        credentials                                 | headers                                                           || says
        'no credentials'                            | [:]                                                               || 'No credentials: send a server API key as `x-api-key: <key>` (or `Authorization: Key <key>`), or an end user\'s session as `Authorization: Bearer <session JWT>`'
        'a cut-off API key'                         | ['x-api-key': 'hk_0123']                                          || 'The API key is malformed'
        'an unknown API key'                        | ['x-api-key': 'hk_' + '0' * 32 + '_' + 'x' * 43]                  || 'The API key is not valid'
        'a key under another Authorization scheme'  | ['Authorization': 'Basic dXNlcjpwYXNz']                           || 'The Authorization header must be `Key <API key>` or `Bearer <session JWT>`; its scheme is `Basic`'
        'a key in Authorization without a scheme'   | ['Authorization': 'hk_' + '0' * 32 + '_' + 'x' * 43]              || 'it has no scheme'
        'Authorization: Bearer with nothing after'  | ['Authorization': 'Bearer']                                       || 'it has nothing after Bearer'
        'an x-api-key that is no key'               | ['x-api-key': 'my-secret-key']                                    || 'neither an API key (hk_<32 hex digits>_<43 characters>) nor a session JWT'
    }

    def "a revoked key's 401 says the key is not valid, and the 401 names the schemes in WWW-Authenticate"() {
        given:
        def key = call('POST', '/v1/api-keys', [name: 'temp'], tenant.key()).body
        assert call('DELETE', "/v1/api-keys/${key.id}", null, tenant.key()).status == 200

        when:
        def response = http.toBlocking().exchange(io.micronaut.http.HttpRequest.GET('/v1/users/alice').header('x-api-key', key.key as String), Map)

        then:
        def refused = thrown(io.micronaut.http.client.exceptions.HttpClientResponseException)
        refused.status.code == 401
        refused.response.getBody(Map).get().detail == 'The API key is not valid: no key has this id and secret, or it was revoked.'
        refused.response.header('WWW-Authenticate') == 'Key realm="herald", Bearer realm="herald"'
    }

    def "the API reference says which claims a session JWT carries and that a 401 says why"() {
        when:
        def spec = new org.yaml.snakeyaml.Yaml().load(http.toBlocking().retrieve('/swagger/herald-0.1.yml')) as Map
        String session = spec.components.securitySchemes.session.description
        String apiKey = spec.components.securitySchemes.apiKey.description

        then:
        ['`sub`', '`exp`', '`aud`', '`app`', 'HS256', '`jwtSecret`', 'RS256/ES256', '`jwksUrl`', 'Authorization: Bearer'].every { session.contains(it) }
        apiKey.contains('Authorization: Key <key>')
        apiKey.contains('401')
    }

    private String tokenFor(String what) {
        def app = tenant.appId.toString()
        def soon = Instant.now().plusSeconds(300)
        switch (what) {
            case 'that expired ten minutes ago': return AuthTokens.signed(tenant, [sub: 'alice', exp: Instant.now().minusSeconds(600), aud: app])
            case 'signed with another secret': return AuthTokens.signed(tenant, [sub: 'alice', exp: soon, aud: app], 'not-the-apps-secret-' * 3)
            case 'without app or aud': return AuthTokens.signed(tenant, [sub: 'alice', exp: soon])
            case 'whose aud is no app id': return AuthTokens.signed(tenant, [sub: 'alice', exp: soon, aud: 'https://api.example.com'])
            case 'whose app claim is no UUID': return AuthTokens.signed(tenant, [sub: 'alice', exp: soon, app: 'ios'])
            case 'naming an app that does not exist': return AuthTokens.signed(tenant, [sub: 'alice', exp: soon, aud: UUID.randomUUID().toString()])
            case 'without sub': return AuthTokens.signed(tenant, [exp: soon, aud: app])
            case 'without exp': return AuthTokens.signed(tenant, [sub: 'alice', aud: app])
            case 'of another org': return AuthTokens.signed(tenant, [sub: 'alice', exp: soon, aud: app, org: UUID.randomUUID().toString()])
            case 'that is no JWT': return 'not.a.jwt'
        }
        throw new IllegalArgumentException(what)
    }
}
