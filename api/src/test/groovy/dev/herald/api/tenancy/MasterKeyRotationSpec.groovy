package dev.herald.api.tenancy

import dev.herald.api.support.HeraldSpec
import dev.herald.domain.credential.CredentialKind
import dev.herald.domain.credential.CredentialStore
import dev.herald.domain.crypto.MasterKeyRotation
import dev.herald.domain.crypto.SecretBox
import dev.herald.domain.JsonCodec
import io.micronaut.data.jdbc.runtime.JdbcOperations
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import jakarta.inject.Inject

@MicronautTest(transactional = false)
class MasterKeyRotationSpec extends HeraldSpec {

    @Inject
    JdbcOperations jdbc

    @Inject
    JsonCodec json

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx

    @Inject
    CredentialStore credentials

    def "rotating the master key re-seals every secret under the new key id, and the old key can then go"() {
        given: 'an app with APNs and FCM credentials, sealed under the key test-1'
        def tenant = newTenant()
        tenant.useApns()
        tenant.useFcm()
        def before = [CredentialKind.APNS, CredentialKind.FCM].collectEntries { [(it): credentials.find(tenant.appId, it).get()] }
        def plain = before.collectEntries { kind, c -> [(kind): new String(credentials.secretOf(c))] }
        def appSecret = sealedAppSecret(tenant.appId)

        and: 'a new key test-2 put first, the old one kept after it'
        def newKey = SecretBox.newKeySpec('test-2')
        def oldOnly = SecretBox.fromSpec(MASTER_KEYS)
        def rotated = SecretBox.fromSpec(newKey + ',' + MASTER_KEYS)
        def newOnly = SecretBox.fromSpec(newKey)

        when:
        def moved = tx.executeWrite { new MasterKeyRotation(jdbc, rotated).resealApps([tenant.appId]) }

        then: 'the two credentials and the app secret moved to test-2'
        moved == 3
        def after = new CredentialStore(jdbc, json, newOnly)
        def stored = tx.executeRead { [CredentialKind.APNS, CredentialKind.FCM].collectEntries { [(it): after.find(tenant.appId, it).get()] } }
        [CredentialKind.APNS, CredentialKind.FCM].every { kind ->
            def c = stored[kind]
            SecretBox.keyIdOf(c.secretSealed()) == 'test-2' &&
                    new String(after.secretOf(c)) == plain[kind] &&
                    c.fingerprint() == before[kind].fingerprint()
        }
        SecretBox.keyIdOf(sealedAppSecret(tenant.appId)) == 'test-2'
        newOnly.openString(sealedAppSecret(tenant.appId)) == oldOnly.openString(appSecret)

        and: 'the old key alone opens nothing any more'
        when:
        oldOnly.open(stored[CredentialKind.APNS].secretSealed())
        then:
        thrown(IllegalStateException)

        and: 'a second run has nothing left to move'
        tx.executeWrite { new MasterKeyRotation(jdbc, rotated).resealApps([tenant.appId]) } == 0
    }

    private static String sealedAppSecret(UUID appId) {
        queryValue("select jwt_secret_sealed from apps where id = '$appId'")
    }

}
