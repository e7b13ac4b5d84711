package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * Which APNs host a push goes to. The test configuration points the production and the sandbox
 * host at two different MockApnsServers, so a push sent to the wrong environment shows up at
 * the wrong mock (and APNs would answer it BadDeviceToken): an `APNS_SANDBOX` device goes to
 * the sandbox host, and so does every device of an app whose credential says
 * `"environment": "sandbox"`; everything else goes to production.
 */
@MicronautTest(transactional = false)
class ApnsEnvironmentSpec extends HeraldSpec {

    private static List<String> tokensAt(def mock, List<String> tokens) {
        mock.receivedFor(tokens)*.token().sort()
    }

    private List<Map> rows(Tenant tenant, String sendId) {
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items as List<Map>
    }

    def "with a production credential an APNS device is pushed at the production host only, an APNS_SANDBOX device at the sandbox host only"() {
        given: 'an app with a production key, one user with a store build and a development build'
        def tenant = newTenant()
        tenant.useApns('com.example.env', 'production')
        def store = apnsToken()
        def development = apnsToken()
        tenant.upsertUser('pia')
        tenant.registerDevice('pia', [provider: 'APNS', token: store])
        tenant.registerDevice('pia', [provider: 'APNS_SANDBOX', token: development])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['pia'], title: 'Which host?'], tenant.key())
        awaitSend(created.body.id)

        then: 'each token reached its own environment and nothing reached the other one'
        created.status == 201
        tokensAt(apns, [store, development]) == [store]
        tokensAt(apnsSandbox, [store, development]) == [development]
        apns.attempts(development) == 0
        apnsSandbox.attempts(store) == 0
        apnsSandbox.receivedFor([development])[0].header('apns-topic') == 'com.example.env'
        rows(tenant, created.body.id)*.status == ['accepted', 'accepted']
    }

    def "with a sandbox credential every APNs device of the app, #provider included, is pushed at the sandbox host"() {
        given:
        def tenant = newTenant()
        tenant.useApns('com.example.dev', 'sandbox')
        def token = apnsToken()
        tenant.upsertUser('sam')
        tenant.registerDevice('sam', [provider: provider, token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['sam'], title: 'Development build'], tenant.key())
        awaitSend(created.body.id)

        then:
        tokensAt(apnsSandbox, [token]) == [token]
        apns.attempts(token) == 0
        rows(tenant, created.body.id)*.status == ['accepted']

        where:
        provider << ['APNS', 'APNS_SANDBOX']
    }

    def "a sandbox credential's VoIP push goes to the sandbox host too"() {
        given:
        def tenant = newTenant()
        tenant.useApns('com.example.dev', 'sandbox')
        def voip = apnsToken()
        tenant.upsertUser('val')
        tenant.registerDevice('val', [provider: 'APNS_VOIP', token: voip])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['val'], pushType: 'voip', data: [callId: 'c-1']], tenant.key())
        awaitSend(created.body.id)

        then:
        tokensAt(apnsSandbox, [voip]) == [voip]
        apnsSandbox.receivedFor([voip])[0].header('apns-topic') == 'com.example.dev.voip'
        apns.attempts(voip) == 0
    }
}
