package dev.herald.api.security

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * Every endpoint against every kind of caller: no credentials (401), an end-user session
 * where only servers may call (403), a key without the needed scope (403), and another org's
 * ids (404, and nothing of the other org changes).
 */
@MicronautTest(transactional = false)
class EndpointAccessSpec extends HeraldSpec {

    Tenant owner
    Tenant intruder
    Map ids

    def setup() {
        owner = newTenant()
        intruder = newTenant()
        owner.upsertUser('alice')
        def token = apnsToken()
        owner.registerDevice('alice', [provider: 'APNS', token: token])
        owner.useApns()
        def send = call('POST', '/v1/sends', [userIds: ['alice'], title: 'hi'], owner.key()).body
        awaitSend(send.id)
        def key = call('POST', '/v1/api-keys', [name: 'ops'], owner.key()).body
        ids = [app: owner.appId, send: send.id, key: key.id, token: token]
    }

    def "#method #path with no credentials is 401"() {
        expect:
        def response = call(method, resolve(path), body(method, path))
        response.status == 401
        response.contentType == 'application/problem+json'

        where:
        [method, path] << ALL_ENDPOINTS
    }

    def "#method #path with a session JWT is 403: servers only"() {
        given:
        owner.upsertUser('sam')

        expect:
        def response = call(method, resolve(path), body(method, path), owner.bearer(owner.session('sam')))
        response.status == 403
        response.body.code == 'api_key_required'

        where:
        [method, path] << SERVER_ONLY
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

    def "creating an org needs the platform scope"() {
        expect:
        call('POST', '/v1/orgs', [name: 'acme'], owner.key()).status == 403
        call('POST', '/v1/orgs', [name: 'acme'], owner.key()).body.code == 'platform_scope_required'
    }

    def "#method #path with another org's ids is 404 and changes nothing"() {
        when:
        def response = call(method, resolve(path), body(method, path), intruder.key())

        then:
        response.status == 404
        response.contentType == 'application/problem+json'
        response.body.code == 'not_found'

        and: "the owner's resources are as they were"
        call('GET', "/v1/sends/${ids.send}", null, owner.key()).body.status == 'completed'
        call('GET', "/v1/apps/${ids.app}/credentials", null, owner.key()).body.items.size() == 1
        call('GET', '/v1/users/alice/devices', null, owner.key()).body.items*.token == [ids.token]
        call('GET', '/v1/api-keys', null, owner.key()).body.items.find { it.id == ids.key }.revokedAt == null

        where:
        [method, path] << CROSS_ORG
    }

    static final List<List<String>> SERVER_ONLY = [
            ['PUT', '/v1/users/sam'],
            ['DELETE', '/v1/users/sam'],
            ['POST', '/v1/users/sam/sessions'],
            ['POST', '/v1/sends'],
            ['GET', '/v1/sends'],
            ['GET', '/v1/sends/{send}'],
            ['DELETE', '/v1/sends/{send}'],
            ['GET', '/v1/sends/{send}/deliveries'],
            ['GET', '/v1/captured-pushes'],
            ['GET', '/v1/apps'],
            ['GET', '/v1/apps/{app}'],
            ['POST', '/v1/apps'],
            ['POST', '/v1/api-keys'],
            ['GET', '/v1/api-keys'],
            ['POST', '/v1/orgs'],
    ]

    static final List<List<String>> ADMIN_ONLY = [
            ['POST', '/v1/apps'],
            ['PUT', '/v1/apps/{app}/credentials/apns'],
            ['GET', '/v1/apps/{app}/credentials'],
            ['DELETE', '/v1/apps/{app}/credentials/apns'],
            ['GET', '/v1/apps/{app}/credentials/apns'],
            ['PUT', '/v1/apps/{app}/credentials/fcm'],
            ['PUT', '/v1/apps/{app}/credentials/webpush'],
            ['PUT', '/v1/apps/{app}/credentials/onesignal'],
            ['POST', '/v1/api-keys'],
            ['GET', '/v1/api-keys'],
            ['DELETE', '/v1/api-keys/{key}'],
    ]

    static final List<List<String>> USER_SCOPED = [
            ['GET', '/v1/apps/{app}/webpush/vapid-public-key'],
            ['GET', '/v1/users/alice'],
            ['GET', '/v1/users/alice/devices'],
            ['POST', '/v1/users/alice/devices'],
            ['DELETE', '/v1/users/alice/devices?token={token}'],
    ]

    static final List<List<String>> ALL_ENDPOINTS = (SERVER_ONLY + ADMIN_ONLY + USER_SCOPED).unique()

    static final List<List<String>> CROSS_ORG = [
            ['GET', '/v1/apps/{app}'],
            ['PUT', '/v1/apps/{app}/credentials/apns'],
            ['GET', '/v1/apps/{app}/credentials'],
            ['DELETE', '/v1/apps/{app}/credentials/apns'],
            ['GET', '/v1/apps/{app}/credentials/apns'],
            ['PUT', '/v1/apps/{app}/credentials/fcm'],
            ['PUT', '/v1/apps/{app}/credentials/webpush'],
            ['PUT', '/v1/apps/{app}/credentials/onesignal'],
            ['GET', '/v1/apps/{app}/webpush/vapid-public-key'],
            ['GET', '/v1/sends/{send}'],
            ['DELETE', '/v1/sends/{send}'],
            ['GET', '/v1/sends/{send}/deliveries'],
            ['GET', '/v1/captured-pushes?sendId={send}'],
            ['DELETE', '/v1/api-keys/{key}'],
            ['GET', '/v1/users/alice'],
            ['DELETE', '/v1/users/alice'],
            ['POST', '/v1/users/alice/sessions'],
            ['GET', '/v1/users/alice/devices'],
            ['POST', '/v1/users/alice/devices'],
            ['DELETE', '/v1/users/alice/devices?token={token}'],
    ]

    private String resolve(String path) {
        path.replace('{app}', "${ids.app}").replace('{send}', "${ids.send}").replace('{key}', "${ids.key}").replace('{token}', "${ids.token}")
    }

    /** A valid body for each kind of request, so that only access decides the answer. */
    private Map body(String method, String path = '') {
        if (!(method in ['POST', 'PUT'])) {
            return null
        }
        if (path.endsWith('/credentials/onesignal')) {
            // its appId is OneSignal's, not one of Herald's apps
            return [appId: UUID.randomUUID().toString(), restApiKey: 'k']
        }
        [name       : 'x', userIds: ['alice'], title: 'hi', provider: 'APNS', token: apnsToken(),
         keyId      : 'ABCDE12345', teamId: 'TEAM123456', bundleId: 'dev.herald.test',
         privateKey : dev.herald.api.support.TestCertificates.apnsSigningKeyPem(),
         serviceAccount: fcm.newServiceAccount('access-test'), publicKey: 'x', restApiKey: 'k']
    }
}
