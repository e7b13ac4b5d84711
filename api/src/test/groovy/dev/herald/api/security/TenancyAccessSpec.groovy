package dev.herald.api.security

import dev.herald.api.support.AccessMatrixSpec
import dev.herald.api.support.TestCertificates
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** The S1 matrix on orgs, apps, provider credentials, API keys, users and devices. */
@MicronautTest(transactional = false)
class TenancyAccessSpec extends AccessMatrixSpec {

    @Override
    Map<String, Object> arrange() {
        def token = apnsToken()
        owner.registerDevice('alice', [provider: 'APNS', token: token])
        owner.useApns()
        owner.useWebPush()
        def key = call('POST', '/v1/api-keys', [name: 'ops'], owner.key()).body
        [app: owner.appId, key: key.id, token: token]
    }

    @Override
    List<List<String>> routes() {
        [
                ['POST', '/v1/orgs'],
                ['POST', '/v1/apps'],
                ['GET', '/v1/apps'],
                ['GET', '/v1/apps/{app}'],
                ['PUT', '/v1/apps/{app}/credentials/apns'],
                ['PUT', '/v1/apps/{app}/credentials/fcm'],
                ['PUT', '/v1/apps/{app}/credentials/webpush'],
                ['PUT', '/v1/apps/{app}/credentials/onesignal'],
                ['GET', '/v1/apps/{app}/credentials'],
                ['GET', '/v1/apps/{app}/credentials/apns'],
                ['DELETE', '/v1/apps/{app}/credentials/apns'],
                ['GET', '/v1/apps/{app}/webpush/vapid-public-key'],
                ['POST', '/v1/apps/{app}/webpush/vapid-keys'],
                ['POST', '/v1/api-keys'],
                ['GET', '/v1/api-keys'],
                ['DELETE', '/v1/api-keys/{key}'],
                ['PUT', '/v1/users/alice'],
                ['GET', '/v1/users/alice'],
                ['DELETE', '/v1/users/alice'],
                ['POST', '/v1/users/alice/sessions'],
                ['POST', '/v1/users/alice/devices'],
                ['GET', '/v1/users/alice/devices'],
                ['DELETE', '/v1/users/alice/devices?token={token}'],
                ['GET', '/v1/users/me'],
                ['POST', '/v1/users/me/devices'],
                ['GET', '/v1/users/me/devices'],
                ['DELETE', '/v1/users/me/devices?token={token}'],
        ]
    }

    @Override
    List<List<String>> clientRoutes() {
        routes().findAll { it[1].contains('/users/me') } + [['GET', '/v1/apps/{app}/webpush/vapid-public-key']]
    }

    @Override
    List<List<String>> ownUserRoutes() {
        [
                ['GET', '/v1/users/alice'],
                ['POST', '/v1/users/alice/devices'],
                ['GET', '/v1/users/alice/devices'],
                ['DELETE', '/v1/users/alice/devices?token={token}'],
        ]
    }

    @Override
    List<List<String>> adminRoutes() {
        routes().findAll { it[1].contains('/credentials') || it[1].startsWith('/v1/api-keys') } +
                [['POST', '/v1/apps'], ['POST', '/v1/apps/{app}/webpush/vapid-keys']]
    }

    /** The owner's app, key and users by id; an upsert of "alice" from another org is its own alice. */
    @Override
    List<List<String>> crossOrgRoutes() {
        routes().findAll { it[1].contains('{') || it[1].contains('/alice') } - clientRoutes().findAll { it[1].contains('/me') } -
                [['PUT', '/v1/users/alice']]
    }

    @Override
    Answer plainKeyAnswer(String method, String path) {
        path == '/v1/orgs' ? Answer.refused(403, 'platform_scope_required') : super.plainKeyAnswer(method, path)
    }

    @Override
    void ownerUnchanged() {
        assert call('GET', "/v1/apps/${ids.app}/credentials", null, owner.key()).body.items*.kind == ['apns', 'webpush']
        assert call('GET', '/v1/users/alice', null, owner.key()).status == 200
        assert call('GET', '/v1/users/alice/devices', null, owner.key()).body.items*.token == [ids.token]
        assert call('GET', '/v1/api-keys', null, owner.key()).body.items.find { it.id == ids.key }.revokedAt == null
    }

    def "creating an org needs the platform scope, which an org's admin key lacks"() {
        expect:
        with(call('POST', '/v1/orgs', [name: 'acme'], owner.key())) {
            status == 403
            body.code == 'platform_scope_required'
        }
    }

    def "unregistering a device without its token is 400 naming token, and removes nothing"() {
        when:
        def response = call('DELETE', '/v1/users/alice/devices', null, owner.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field == ['token']
        call('GET', '/v1/users/alice/devices', null, owner.key()).body.items*.token == [ids.token]
    }

    /** Each route's own body: the API refuses fields a route does not have, so one body cannot serve them all. */
    @Override
    Object body(String method, String path) {
        if (!(method in ['POST', 'PUT'])) {
            return null
        }
        if (path.endsWith('/webpush/vapid-keys')) {
            return [subject: 'mailto:ops@example.com']
        }
        if (path.endsWith('/credentials/onesignal')) {
            // its appId is OneSignal's, not one of Herald's apps
            return [appId: UUID.randomUUID().toString(), restApiKey: 'k']
        }
        if (path.endsWith('/credentials/apns')) {
            return [keyId: 'ABCDE12345', teamId: 'TEAM123456', bundleId: 'dev.herald.test', privateKey: TestCertificates.apnsSigningKeyPem()]
        }
        if (path.endsWith('/credentials/fcm')) {
            return [serviceAccount: fcm.newServiceAccount('access-test')]
        }
        if (path.endsWith('/credentials/webpush')) {
            return [publicKey: 'x', privateKey: TestCertificates.apnsSigningKeyPem()]
        }
        if (path.endsWith('/devices')) {
            return [provider: 'APNS', token: apnsToken()]
        }
        if (path.endsWith('/sessions') || path.startsWith('/v1/users/')) {
            return [:]
        }
        [name: 'x']
    }
}
