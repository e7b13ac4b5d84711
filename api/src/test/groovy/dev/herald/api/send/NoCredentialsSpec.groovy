package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** Outside the dev sandbox (capture off, as against a Temporal cluster) a missing credential is a failure. */
@MicronautTest(transactional = false)
class NoCredentialsSpec extends HeraldSpec {

    @Override
    Map<String, String> extraProperties() {
        ['herald.capture.enabled': 'false']
    }

    def "with capture off a push to a #provider device of an app without credentials fails as #reason and is not captured"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('frank')
        tenant.registerDevice('frank', device)

        when:
        def created = call('POST', '/v1/sends', [userIds: ['frank'], title: 'Hello', body: 'Anyone?'], tenant.key())
        awaitSend(created.body.id)

        then: 'the ledger records the failure, naming the missing credential'
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items
        rows*.status == ['failed']
        rows*.reason == [reason]

        and: 'nothing was captured'
        call('GET', "/v1/captured-pushes?sendId=${created.body.id}", null, tenant.key()).body.items == []

        where:
        provider | device                                                || reason
        'APNS'   | [provider: 'APNS', token: apnsToken()]                || 'apns:no_credentials'
        'FCM'    | [provider: 'FCM', token: 'fcm-token-' + UUID.randomUUID()] || 'fcm:no_credentials'
    }
}
