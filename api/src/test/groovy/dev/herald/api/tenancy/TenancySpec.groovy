package dev.herald.api.tenancy

import dev.herald.api.support.MockJwks

import com.nimbusds.jose.JWSAlgorithm
import com.nimbusds.jose.JWSHeader
import com.nimbusds.jose.crypto.RSASSASigner
import com.nimbusds.jose.jwk.RSAKey
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator
import com.nimbusds.jwt.JWTClaimsSet
import com.nimbusds.jwt.SignedJWT
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Instant

@MicronautTest(transactional = false)
class TenancySpec extends HeraldSpec {

    def "a platform key creates an org whose admin key works only in that org"() {
        given:
        def platform = newPlatformTenant()

        when:
        def created = call('POST', '/v1/orgs', [name: 'Acme'], platform.key())
        def acmeKey = ['x-api-key': created.body.adminKey.key as String]

        then:
        created.status == 201
        created.body.org.name == 'Acme'
        created.body.adminKey.scopes == ['admin']
        created.body.adminKey.key ==~ /hk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/

        and: 'the new org starts empty and cannot create orgs itself'
        call('GET', '/v1/apps', null, acmeKey).body.items == []
        call('POST', '/v1/orgs', [name: 'Sub'], acmeKey).status == 403
    }

    def "API keys are shown once, listed without their value, and stop working when revoked"() {
        given:
        def tenant = newTenant()

        when:
        def created = call('POST', '/v1/api-keys', [name: 'backend'], tenant.key()).body
        def listed = call('GET', '/v1/api-keys', null, tenant.key()).body.items
        def before = call('GET', '/v1/apps', null, ['x-api-key': created.key as String]).status
        def revoked = call('DELETE', "/v1/api-keys/${created.id}", null, tenant.key())
        def after = call('GET', '/v1/apps', null, ['x-api-key': created.key as String]).status

        then:
        created.scopes == []
        listed.find { it.id == created.id }.keySet() == ['id', 'name', 'scopes', 'createdAt'] as Set
        before == 200
        revoked.body.revokedAt != null
        after == 401

        and: 'only a hash of the secret is stored'
        queryValue("select secret_hash from api_keys where id = '${created.id}'::uuid") != null
        // the secret is everything after "hk_<32 hex>_" (it may itself contain underscores)
        !queryValue("select secret_hash from api_keys where id = '${created.id}'::uuid").contains((created.key as String).substring(36))
    }

    def "an app's session secret is shown at creation only; names are unique per org"() {
        given:
        def tenant = newTenant()

        when:
        def created = call('POST', '/v1/apps', [name: 'android', defaultTimezone: 'Asia/Tokyo'], tenant.key())
        def read = call('GET', "/v1/apps/${created.body.id}", null, tenant.key())
        def duplicate = call('POST', '/v1/apps', [name: 'android'], tenant.key())

        then:
        created.status == 201
        created.body.jwtSecret.size() >= 43
        read.body.keySet() == ['id', 'name', 'defaultTimezone', 'createdAt'] as Set
        read.body.defaultTimezone == 'Asia/Tokyo'
        duplicate.status == 409
        duplicate.body.code == 'app_name_taken'
    }

    def "provider credentials are sealed at rest and shown only as a fingerprint"() {
        given:
        def tenant = newTenant()

        when:
        def put = tenant.useApns('com.example.app', 'sandbox')
        def listed = call('GET', "/v1/apps/${tenant.appId}/credentials", null, tenant.key()).body.items
        def sealed = queryValue("select secret_sealed from provider_credentials where app_id = '${tenant.appId}'::uuid")

        then:
        put.kind == 'apns'
        put.settings == [authType: 'token', keyId: 'ABCDE12345', teamId: 'TEAM123456', bundleId: 'com.example.app', environment: 'sandbox']
        put.fingerprint ==~ /sha256:[0-9a-f]{16}/
        !put.containsKey('privateKey')
        listed == [put]
        sealed.startsWith('v1:test-1:')
        !sealed.contains('PRIVATE KEY')

        when: 'the credential is removed'
        def deleted = call('DELETE', "/v1/apps/${tenant.appId}/credentials/apns", null, tenant.key())

        then:
        deleted.status == 204
        call('GET', "/v1/apps/${tenant.appId}/credentials", null, tenant.key()).body.items == []
        call('DELETE', "/v1/apps/${tenant.appId}/credentials/apns", null, tenant.key()).status == 404
    }

    def "sessions signed by the customer's identity provider are verified against the app's JWKS URL"() {
        given: "the customer's key set served over https"
        RSAKey key = new RSAKeyGenerator(2048).keyID('customer-1').generate()
        RSAKey stranger = new RSAKeyGenerator(2048).keyID('customer-1').generate()
        def tenant = newTenant()
        def app = call('POST', '/v1/apps', [name: 'sso', jwksUrl: jwks.publish(MockJwks.Behaviour.SERVE, key)], tenant.key()).body
        tenant.upsertUser('sso-user')

        expect:
        call('GET', '/v1/users/me', null, bearer(rs256(key, app.id, 'sso-user'))).body.id == 'sso-user'
        call('GET', '/v1/users/me', null, bearer(rs256(stranger, app.id, 'sso-user'))).status == 401
    }

    private static Map<String, String> bearer(String token) {
        ['Authorization': "Bearer $token".toString()]
    }

    private static String rs256(RSAKey key, String appId, String user) {
        def claims = new JWTClaimsSet.Builder().subject(user).claim('app', appId).expirationTime(Date.from(Instant.now().plusSeconds(300))).build()
        def jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyID).build(), claims)
        jwt.sign(new RSASSASigner(key))
        jwt.serialize()
    }

}
