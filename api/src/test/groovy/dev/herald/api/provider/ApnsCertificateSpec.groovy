package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import dev.herald.api.support.TestCertificates
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.time.Instant

/**
 * APNs certificate auth: a .p12 push certificate (made here by a throwaway CA the mock APNs
 * trusts for TLS client auth) instead of a .p8 key, checked before it is stored, sealed, and
 * used for the TLS handshake of its own client.
 */
@MicronautTest(transactional = false)
class ApnsCertificateSpec extends HeraldSpec {

    static final String BUNDLE = 'dev.herald.certified'
    static final String PASSWORD = 'correct horse'

    static String p12(String bundleId = BUNDLE, String password = PASSWORD,
                      TestCertificates.Authority issuer = TestCertificates.pushCertificateAuthority(),
                      Instant notAfter = Instant.now().plus(Duration.ofDays(365))) {
        Base64.encoder.encodeToString(TestCertificates.apnsPushCertificateP12(bundleId, password, issuer, notAfter))
    }

    def "a push certificate is stored sealed and shown by its fingerprint, subject and expiry only"() {
        given:
        def tenant = newTenant()
        def certificate = p12()

        when:
        def put = call('PUT', "/v1/apps/${tenant.appId}/credentials/apns",
                [certificate: certificate, certificatePassword: PASSWORD, environment: 'sandbox'], tenant.key())
        def read = call('GET', "/v1/apps/${tenant.appId}/credentials/apns", null, tenant.key())
        def sealed = queryValue("select secret_sealed from provider_credentials where app_id = '${tenant.appId}'::uuid")

        then: 'the bundle id comes from the certificate, and what the certificate says is shown'
        put.status == 200
        read.body == put.body
        read.body.kind == 'apns'
        read.body.settings.authType == 'certificate'
        read.body.settings.bundleId == BUNDLE
        read.body.settings.environment == 'sandbox'
        read.body.settings.certificateSubject.startsWith("UID=$BUNDLE,CN=Apple Push Services: $BUNDLE")
        Instant.parse(read.body.settings.certificateExpiresAt).isAfter(Instant.now().plus(Duration.ofDays(360)))
        read.body.settings.certificateSha256 ==~ /[0-9a-f]{64}/
        read.body.fingerprint == "sha256:${read.body.settings.certificateSha256.substring(0, 16)}"

        and: 'neither the .p12 nor its password is shown or stored in the clear'
        !read.body.toString().contains(PASSWORD)
        !read.body.toString().contains(certificate.substring(0, 40))
        !sealed.contains(PASSWORD)
        !sealed.contains(certificate.substring(0, 40))
        read.body.settings.keySet() == ['authType', 'bundleId', 'environment', 'certificateSubject', 'certificateExpiresAt',
                                        'certificateSha256'] as Set
    }

    def "a send reaches APNs over a connection authenticated by the certificate, on the bundle's topics"() {
        given: 'an app with a push certificate, a phone and a VoIP token'
        def tenant = newTenant()
        assert call('PUT', "/v1/apps/${tenant.appId}/credentials/apns",
                [certificate: p12(), certificatePassword: PASSWORD, bundleId: BUNDLE], tenant.key()).status == 200
        def phone = apnsToken()
        def voip = apnsToken()
        tenant.upsertUser('ada')
        tenant.registerDevice('ada', [provider: 'APNS', token: phone])
        tenant.registerDevice('ada', [provider: 'APNS_VOIP', token: voip])

        when: 'an alert and an incoming call'
        def created = call('POST', '/v1/sends', [userIds: ['ada'], title: 'Signed in', body: 'By certificate'], tenant.key())
        awaitSend(created.body.id)
        def ring = call('POST', '/v1/sends', [userIds: ['ada'], pushType: 'voip', data: [callId: 'c-1']], tenant.key())
        awaitSend(ring.body.id)

        then: 'each arrived on its topic, with no provider token: the TLS client certificate authenticated them'
        def received = apns.receivedFor([phone, voip]).collectEntries { [(it.token()): it] }
        received.keySet() == [phone, voip] as Set
        received[phone].header('apns-topic') == BUNDLE
        received[voip].header('apns-topic') == "${BUNDLE}.voip".toString()
        received.values().every { it.header('authorization') == null }
        apns.clientSubject(phone).startsWith("UID=$BUNDLE,")
        apns.clientSubject(voip).startsWith("UID=$BUNDLE,")
        new JsonSlurper().parseText(received[phone].payload()).aps == [alert: [title: 'Signed in', body: 'By certificate']]

        received[voip].header('apns-push-type') == 'voip'
        new JsonSlurper().parseText(received[voip].payload()).callId == 'c-1'

        and: 'the ledger records each as accepted by APNs'
        def rows = (call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items
                + call('GET', "/v1/sends/${ring.body.id}/deliveries", null, tenant.key()).body.items).findAll { it.status == 'accepted' }
        rows.size() == 2
        rows.every { it.channel == 'apns' && it.providerStatus == 200 }
    }

    def "an app moving from a .p8 key to a certificate sends its next push with the certificate"() {
        given:
        def tenant = newTenant()
        tenant.useApns(BUNDLE)
        tenant.upsertUser('bea')
        def first = apnsToken()
        tenant.registerDevice('bea', [provider: 'APNS', token: first])
        awaitSend(call('POST', '/v1/sends', [userIds: ['bea'], title: 'one'], tenant.key()).body.id)

        when:
        assert call('PUT', "/v1/apps/${tenant.appId}/credentials/apns",
                [certificate: p12(), certificatePassword: PASSWORD], tenant.key()).status == 200
        def second = apnsToken()
        tenant.registerDevice('bea', [provider: 'APNS', token: second])
        def created = call('POST', '/v1/sends', [userIds: ['bea'], title: 'two'], tenant.key())
        awaitSend(created.body.id)

        then: 'the first push used a provider token, the second the certificate'
        apns.receivedFor([first]).size() == 2
        apns.receivedFor([first]).find { new JsonSlurper().parseText(it.payload()).aps.alert.title == 'one' }
                .header('authorization').startsWith('bearer ')
        apns.receivedFor([first, second]).findAll { new JsonSlurper().parseText(it.payload()).aps.alert.title == 'two' }
                .every { it.header('authorization') == null }
        apns.clientSubject(second).startsWith("UID=$BUNDLE,")
    }

    def "a certificate APNs does not trust fails the push at the handshake, retried then recorded as failed"() {
        given: 'a certificate from a CA the mock APNs does not trust: Herald cannot tell until it connects'
        def tenant = newTenant()
        assert call('PUT', "/v1/apps/${tenant.appId}/credentials/apns",
                [certificate: p12(BUNDLE, PASSWORD, TestCertificates.untrustedAuthority()), certificatePassword: PASSWORD],
                tenant.key()).status == 200
        def token = apnsToken()
        tenant.upsertUser('cy')
        tenant.registerDevice('cy', [provider: 'APNS', token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['cy'], title: 'hi'], tenant.key())
        def done = Thread.start { awaitSend(created.body.id) }
        // the delivery activity retries an unreachable APNs with backoff: skip through it
        10.times { if (done.alive) { skip(Duration.ofMinutes(10)); done.join(1_000) } }
        done.join(30_000)

        then: 'nothing arrived, and the device is not blamed for the credential'
        apns.receivedFor([token]).isEmpty()
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items as List<Map>
        rows*.status == ['failed']
        call('GET', '/v1/users/cy/devices', null, tenant.key()).body.items*.token == [token]
    }

    def "Live Activity pushes need token auth: with a certificate they fail without reaching APNs"() {
        given:
        def tenant = newTenant()
        assert call('PUT', "/v1/apps/${tenant.appId}/credentials/apns",
                [certificate: p12(), certificatePassword: PASSWORD], tenant.key()).status == 200
        tenant.upsertUser('liv')
        tenant.registerDevice('liv', [provider: 'APNS', token: apnsToken()])
        def updateToken = apnsToken()
        def id = call('POST', '/v1/live-activities', [userId: 'liv', activityType: 'Score', updateToken: updateToken,
                                                     contentState: [score: '0-0']], tenant.key()).body.id

        when:
        call('POST', "/v1/live-activities/$id/updates", [contentState: [score: '1-0']], tenant.key())

        then:
        new PollingConditions(timeout: 10).eventually {
            assert lastPushOutcome(tenant, id) == 'failed: apns:liveactivity_needs_token_auth'
        }
        apns.attempts(updateToken) == 0
    }

    /** A helper: inside a closure, call() would mean the closure's own. */
    private String lastPushOutcome(Tenant tenant, Object activityId) {
        call('GET', "/v1/live-activities/$activityId", null, tenant.key()).body.lastPushOutcome
    }

    def "#problem is refused with 400 naming #field"() {
        given:
        def tenant = newTenant()

        when:
        def response = call('PUT', "/v1/apps/${tenant.appId}/credentials/apns", body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        call('GET', "/v1/apps/${tenant.appId}/credentials", null, tenant.key()).body.items == []

        where:
        problem                                  | field                 | body
        'a certificate that is not base64'       | 'certificate'         | [certificate: '%%% not base64 %%%', certificatePassword: PASSWORD]
        'base64 that is not a .p12'              | 'certificate'         | [certificate: Base64.encoder.encodeToString('hello'.bytes), certificatePassword: PASSWORD]
        'a wrong password'                       | 'certificatePassword' | [certificate: p12(), certificatePassword: 'wrong']
        'a missing password'                     | 'certificatePassword' | [certificate: p12()]
        'a .p12 without a private key'           | 'certificate'         | [certificate: Base64.encoder.encodeToString(TestCertificates.certificateOnlyP12(PASSWORD)), certificatePassword: PASSWORD]
        'an expired certificate'                 | 'certificate'         | [certificate: p12(BUNDLE, PASSWORD, TestCertificates.pushCertificateAuthority(), Instant.now().minus(Duration.ofDays(1))), certificatePassword: PASSWORD]
        'a bundle id the certificate is not for' | 'bundleId'            | [certificate: p12(), certificatePassword: PASSWORD, bundleId: 'com.other.app']
        'a certificate with a .p8 key'           | 'privateKey'          | [certificate: p12(), certificatePassword: PASSWORD, privateKey: TestCertificates.apnsSigningKeyPem()]
        'a certificate with a key id'            | 'keyId'               | [certificate: p12(), certificatePassword: PASSWORD, keyId: 'ABCDE12345']
        'neither key nor certificate'            | 'privateKey'          | [keyId: 'ABCDE12345', teamId: 'TEAM123456', bundleId: BUNDLE]
        'a .p8 key without its team id'          | 'teamId'              | [keyId: 'ABCDE12345', bundleId: BUNDLE, privateKey: TestCertificates.apnsSigningKeyPem()]
        'a .p8 key with a certificate password'  | 'certificatePassword' | [keyId: 'ABCDE12345', teamId: 'TEAM123456', bundleId: BUNDLE, privateKey: TestCertificates.apnsSigningKeyPem(), certificatePassword: 'x']
        'a bad environment'                      | 'environment'         | [certificate: p12(), certificatePassword: PASSWORD, environment: 'staging']
    }

    def "setting a certificate needs an admin key of the app's own org (S1)"() {
        given:
        def owner = newTenant()
        def intruder = newTenant()
        owner.useApns(BUNDLE)
        def before = call('GET', "/v1/apps/${owner.appId}/credentials/apns", null, owner.key()).body
        owner.upsertUser('sam')
        def plainKey = call('POST', '/v1/api-keys', [name: 'plain'], owner.key()).body.key as String
        def body = [certificate: p12(), certificatePassword: PASSWORD]
        def path = "/v1/apps/${owner.appId}/credentials/apns"

        expect: 'no credentials: 401; a session: 403; a key without the admin scope: 403; another org: 404'
        call('PUT', path, body).status == 401
        call('PUT', path, body).contentType == 'application/problem+json'
        call('PUT', path, body, owner.bearer(owner.session('sam'))).status == 403
        call('PUT', path, body, ['x-api-key': plainKey]).status == 403
        call('PUT', path, body, intruder.key()).status == 404
        call('PUT', path, body, intruder.key()).contentType == 'application/problem+json'
        call('GET', path, null, intruder.key()).status == 404
        call('DELETE', path, null, intruder.key()).status == 404

        and: "the owner's token-auth credential is as it was"
        call('GET', path, null, owner.key()).body == before
    }
}
