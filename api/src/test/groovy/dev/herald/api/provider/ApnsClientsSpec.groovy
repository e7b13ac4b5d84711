package dev.herald.api.provider

import dev.herald.activities.provider.apns.ApnsCertificate
import dev.herald.activities.provider.apns.ApnsClients
import dev.herald.activities.provider.apns.ApnsCredential
import dev.herald.activities.provider.apns.ApnsSettings
import dev.herald.api.support.TestCertificates
import dev.herald.domain.credential.CredentialKind
import dev.herald.domain.credential.StoredCredential
import dev.herald.domain.crypto.SecretBox
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.time.Duration
import java.time.Instant
import java.util.function.Supplier

/**
 * Which pushes share a Pushy client: one per team signing key or client certificate and
 * environment (APNs takes one team's tokens per connection; a certificate authenticates the
 * whole connection). Clients connect lazily, so nothing here touches the network.
 */
class ApnsClientsSpec extends Specification {

    @Shared
    @AutoCleanup
    ApnsClients clients = new ApnsClients(new ApnsSettings('localhost', 1, 'localhost', 1, null, 1, 10,
            Duration.ofSeconds(1), Duration.ofSeconds(1)))

    @Shared
    String keyA = TestCertificates.apnsSigningKeyPem()
    @Shared
    String keyB = TestCertificates.apnsSigningKeyPem()
    @Shared
    byte[] certificate = TestCertificates.apnsPushCertificateP12('com.example.app', 'pw', TestCertificates.pushCertificateAuthority(),
            Instant.now().plus(Duration.ofDays(30)))
    @Shared
    byte[] renewed = TestCertificates.apnsPushCertificateP12('com.example.app', 'pw', TestCertificates.pushCertificateAuthority(),
            Instant.now().plus(Duration.ofDays(400)))

    def "#first and #second share a client: #shared"() {
        given:
        def a = credentials[first]
        def b = credentials[second]

        when:
        def clientA = clients.client(a.credential, { a.secret } as Supplier<byte[]>, a.sandbox)
        def clientB = clients.client(b.credential, { b.secret } as Supplier<byte[]>, b.sandbox)

        then:
        clientA.is(clientB) == shared
        // the first one's client is still the one its credential gets, unless the second replaced it
        clients.client(a.credential, { a.secret } as Supplier<byte[]>, a.sandbox).is(clientA) == (shared || !replaces)

        where:
        first                | second                          || shared | replaces
        'team 1 key'         | 'team 1 key'                    || true   | false
        'team 1 key'         | 'team 1 key, other app'         || true   | false
        'team 1 key'         | 'team 1 key, sandbox'           || false  | false
        'team 1 key'         | 'team 2 key'                    || false  | false
        'team 1 key'         | 'team 1, second key'            || false  | false
        'team 1 key'         | 'team 1 key replaced'           || false  | true
        'certificate'        | 'certificate'                   || true   | false
        'certificate'        | 'certificate, sandbox'          || false  | false
        'certificate'        | 'team 1 key'                    || false  | false
        'certificate'        | 'certificate renewed'           || false  | true
    }

    private Map<String, Map> getCredentials() {
        [
                'team 1 key'                 : token('TEAM000001', 'KEY0000001', keyA, false),
                'team 1 key, other app'      : token('TEAM000001', 'KEY0000001', keyA, false),
                'team 1 key, sandbox'        : token('TEAM000001', 'KEY0000001', keyA, true),
                'team 2 key'                 : token('TEAM000002', 'KEY0000002', keyB, false),
                'team 1, second key'         : token('TEAM000001', 'KEY0000003', keyB, false),
                'team 1 key replaced'        : token('TEAM000001', 'KEY0000001', keyB, false),
                'certificate'                : certificate(certificate, 'pw', false),
                'certificate, sandbox'       : certificate(certificate, 'pw', true),
                'certificate renewed'        : certificate(renewed, 'pw', false),
        ]
    }

    private static Map token(String teamId, String keyId, String pem, boolean sandbox) {
        byte[] secret = pem.getBytes(StandardCharsets.UTF_8)
        def stored = stored([authType: 'token', keyId: keyId, teamId: teamId, bundleId: 'com.example.app',
                             environment: sandbox ? 'sandbox' : 'production'], SecretBox.fingerprint(secret))
        [credential: ApnsCredential.of(stored), secret: secret, sandbox: sandbox]
    }

    private static Map certificate(byte[] p12, String password, boolean sandbox) {
        def read = ApnsCertificate.read(p12, password, Instant.now(), 'certificate', 'certificatePassword')
        def stored = stored(ApnsCredential.certificateSettings(read, 'com.example.app', sandbox ? 'sandbox' : 'production'),
                read.fingerprint())
        [credential: ApnsCredential.of(stored), secret: new ApnsCredential.CertificateSecret(p12, password).encode(),
         sandbox   : sandbox]
    }

    private static StoredCredential stored(Map<String, String> settings, String fingerprint) {
        new StoredCredential(UUID.randomUUID(), CredentialKind.APNS, settings, 'sealed', fingerprint, Instant.EPOCH, Instant.EPOCH)
    }
}
