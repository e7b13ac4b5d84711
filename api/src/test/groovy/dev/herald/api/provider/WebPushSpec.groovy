package dev.herald.api.provider

import dev.herald.api.support.ConnectionProbe
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.lang.AutoCleanup
import spock.lang.Shared

@MicronautTest(transactional = false)
class WebPushSpec extends HeraldSpec {

    @Shared
    @AutoCleanup
    ConnectionProbe probe = new ConnectionProbe()

    def "reading the VAPID public key changes nothing: it is 404 until an admin creates the pair, which is then kept"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('wes')
        def session = tenant.bearer(tenant.session('wes'))

        when: 'a session and a server read the key of an app that has none'
        def bySession = call('GET', "/v1/apps/$tenant.appId/webpush/vapid-public-key", null, session)
        def byServer = call('GET', "/v1/apps/$tenant.appId/webpush/vapid-public-key", null, tenant.key())

        then: 'a 404 saying how to make one, and still no credential'
        [bySession, byServer]*.status == [404, 404]
        [bySession, byServer]*.contentType == ['application/problem+json'] * 2
        bySession.body.code == 'no_vapid_keys'
        bySession.body.detail.contains("POST /v1/apps/$tenant.appId/webpush/vapid-keys")
        call('GET', "/v1/apps/$tenant.appId/credentials", null, tenant.key()).body.items == []

        when: 'an admin creates the pair'
        def created = call('POST', "/v1/apps/$tenant.appId/webpush/vapid-keys", [:], tenant.key())
        def first = call('GET', "/v1/apps/$tenant.appId/webpush/vapid-public-key", null, tenant.key())
        def again = call('GET', "/v1/apps/$tenant.appId/webpush/vapid-public-key", null, session)
        def credential = call('GET', "/v1/apps/$tenant.appId/credentials/webpush", null, tenant.key())

        then: 'an uncompressed P-256 point, the same for servers and clients; without a contact it does not push for real'
        created.status == 201
        created.body == [publicKey: first.body.publicKey, pushesForReal: false]
        first.status == 200
        Base64.urlDecoder.decode(first.body.publicKey as String).length == 65
        again.body == first.body

        and: 'the private half is sealed and never shown'
        credential.body.settings == [publicKey: first.body.publicKey]
        credential.body.fingerprint ==~ /sha256:[0-9a-f]{16}/
        queryValue("select secret_sealed from provider_credentials where app_id = '$tenant.appId' and kind = 'WEBPUSH'").startsWith('v1:')

        when: 'an admin asks again'
        def twice = call('POST', "/v1/apps/$tenant.appId/webpush/vapid-keys", [subject: 'mailto:ops@example.com'], tenant.key())

        then: 'the pair browsers subscribed with is kept'
        twice.status == 409
        twice.contentType == 'application/problem+json'
        twice.body.code == 'vapid_keys_exist'
        tenant.vapidPublicKey() == first.body.publicKey
    }

    def "creating the VAPID key pair with a #bad subject is a 400 and creates none"() {
        given:
        def tenant = newTenant()

        expect:
        with(call('POST', "/v1/apps/$tenant.appId/webpush/vapid-keys", [subject: subject], tenant.key())) {
            status == 400
            contentType == 'application/problem+json'
            body.errors*.field == ['subject']
        }
        call('GET', "/v1/apps/$tenant.appId/webpush/vapid-public-key", null, tenant.key()).status == 404

        where:
        bad            | subject
        'bare address' | 'ops@example.com'
        'http'         | 'http://example.com/contact'
    }

    def "a Web Push device of an app with #setup is #outcome on the embedded default (capture on)"() {
        given:
        def tenant = newTenant()
        arrangeWebPush(tenant, setup)
        def browser = webPush.newSubscription()
        tenant.upsertUser('wes')
        tenant.registerDevice('wes', browser.registration())

        when:
        def created = call('POST', '/v1/sends', [userIds: ['wes'], title: 'Hi', body: 'there', collapseId: 'greeting'], tenant.key())
        awaitSend(created.body.id)
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items
        def captured = call('GET', "/v1/captured-pushes?sendId=${created.body.id}", null, tenant.key()).body.items

        then:
        rows*.status == ['accepted']
        rows*.channel == [channel]
        webPush.receivedFor([browser]).size() == (channel == 'webpush' ? 1 : 0)
        captured.size() == (channel == 'capture' ? 1 : 0)
        if (channel == 'capture') {
            // the plaintext the browser would have decrypted, with the request's RFC 8030 headers
            assert captured[0].provider == 'WEBPUSH'
            assert captured[0].token == browser.endpoint()
            assert captured[0].headers == [TTL: 86400, Urgency: 'high', Topic: 'greeting']
            assert captured[0].payload == [title: 'Hi', body: 'there', herald: [sendId: created.body.id]]
        }

        where:
        setup                                    || outcome    | channel
        'no VAPID key pair'                      || 'captured' | 'capture'
        'a key pair and no contact'              || 'captured' | 'capture'
        'a key pair created with a contact'      || 'pushed'   | 'webpush'
        'a key pair given its contact later'     || 'pushed'   | 'webpush'
        'an imported key pair with its contact'  || 'pushed'   | 'webpush'
        'an imported key pair without a contact' || 'captured' | 'capture'
    }

    /** Sets the app's Web Push up as an admin would for the case {@code setup} names. */
    void arrangeWebPush(Tenant tenant, String setup) {
        def keys = dev.herald.activities.provider.webpush.VapidKeys.generate()
        switch (setup) {
            case 'no VAPID key pair':
                return
            case 'a key pair and no contact':
                tenant.useWebPush(null)
                return
            case 'a key pair created with a contact':
                tenant.useWebPush('mailto:ops@example.com')
                return
            case 'a key pair given its contact later':
                tenant.useWebPush(null)
                def put = call('PUT', "/v1/apps/$tenant.appId/credentials/webpush", [subject: 'mailto:ops@example.com'], tenant.key())
                assert put.status == 200: put
                assert put.body.settings.subject == 'mailto:ops@example.com'
                return
            case 'an imported key pair with its contact':
            case 'an imported key pair without a contact':
                def subject = setup.endsWith('with its contact') ? [subject: 'https://example.com/ops'] : [:]
                def put = call('PUT', "/v1/apps/$tenant.appId/credentials/webpush",
                        [publicKey: keys.publicKey(), privateKey: keys.privateKey()] + subject, tenant.key())
                assert put.status == 200: put
                return
            default:
                throw new IllegalArgumentException(setup)
        }
    }

    def "a contact alone needs a key pair to keep: an app without one gets a 400 on subject and no credential"() {
        given:
        def tenant = newTenant()

        expect:
        with(call('PUT', "/v1/apps/$tenant.appId/credentials/webpush", [subject: 'mailto:ops@example.com'], tenant.key())) {
            status == 400
            body.errors*.field == ['subject']
        }
        with(call('PUT', "/v1/apps/$tenant.appId/credentials/webpush", [:], tenant.key())) {
            status == 400
            body.errors*.field == ['publicKey', 'subject']
        }
        with(call('PUT', "/v1/apps/$tenant.appId/credentials/webpush", [publicKey: dev.herald.activities.provider.webpush.VapidKeys.generate().publicKey()], tenant.key())) {
            status == 400
            body.errors*.field == ['privateKey']
        }
        call('GET', "/v1/apps/$tenant.appId/credentials", null, tenant.key()).body.items == []
    }

    def "a session of one app cannot read another app's VAPID key, nor can a caller without credentials"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('wes')
        def session = tenant.session('wes')
        def otherApp = call('POST', '/v1/apps', [name: 'web'], tenant.key()).body.id

        expect:
        call('GET', "/v1/apps/$otherApp/webpush/vapid-public-key", null, tenant.bearer(session)).status == 404
        call('GET', "/v1/apps/$otherApp/webpush/vapid-public-key", null).status == 401
    }

    def "an imported VAPID key pair is used as it is; a mismatched one is refused"() {
        given:
        def tenant = newTenant()
        def keys = dev.herald.activities.provider.webpush.VapidKeys.generate()
        def other = dev.herald.activities.provider.webpush.VapidKeys.generate()

        expect:
        call('PUT', "/v1/apps/$tenant.appId/credentials/webpush", [publicKey: keys.publicKey(), privateKey: other.privateKey()], tenant.key())
                .body.errors*.field == ['privateKey']
        call('PUT', "/v1/apps/$tenant.appId/credentials/webpush",
                [publicKey: keys.publicKey(), privateKey: keys.privateKey(), subject: 'mailto:ops@example.com'], tenant.key()).status == 200
        tenant.vapidPublicKey() == keys.publicKey()
    }

    def "a background push to a browser is low urgency and carries only data; a collapse id becomes the Topic"() {
        given:
        def tenant = newTenant()
        tenant.useWebPush()
        def browser = webPush.newSubscription()
        tenant.upsertUser('wes')
        tenant.registerDevice('wes', browser.registration())

        when:
        def created = call('POST', '/v1/sends', [userIds: ['wes'], pushType: 'background', data: [sync: 'inbox'], collapseId: 'inbox-sync'], tenant.key())
        awaitSend(created.body.id)
        def received = webPush.receivedFor([browser])

        then:
        received.size() == 1
        received[0].header('Urgency') == 'low'
        received[0].header('Topic') == 'inbox-sync'
        received[0].header('TTL') == '86400'
        new JsonSlurper().parseText(received[0].plaintext()) == [data: [sync: 'inbox'], herald: [sendId: created.body.id]]
    }

    def "an endpoint #endpoint is refused at registration and never contacted"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('mallory')
        def keys = webPush.newSubscription()

        when:
        def response = call('POST', '/v1/users/mallory/devices',
                [provider: 'WEBPUSH', token: endpoint.replace('PROBE', "${probe.port()}"), keys: [p256dh: keys.p256dh(), auth: keys.auth()]], tenant.key())

        then:
        response.status == 400
        response.body.errors*.field == ['token']
        response.body.errors[0].message.contains(why)
        call('GET', '/v1/users/mallory/devices', null, tenant.key()).body.items == []
        probe.connections() == 0

        where:
        endpoint                                              || why
        'https://127.0.0.1:PROBE/push/x'                      || 'loopback'
        'https://localhost:PROBE/push/x'                      || 'loopback'
        'https://10.0.0.1/push/x'                             || 'private'
        'https://169.254.169.254/latest/meta-data/'           || 'link-local'
        'https://[::1]:PROBE/push/x'                          || 'loopback'
        'https://[::ffff:127.0.0.1]:PROBE/push/x'             || 'loopback'
        'http://127.0.0.2:PROBE/push/x'                       || 'https'
        'http://push.example.com/push/x'                      || 'https'
    }

    def "a push service answering with a #redirect redirect is not followed: the push fails and the redirect target is never contacted"() {
        given:
        def tenant = newTenant()
        tenant.useWebPush()
        def browser = webPush.newSubscription()
        // the target is another endpoint of the allow-listed push service: only not following redirects keeps it untouched
        def target = webPush.newSubscription()
        webPush.answer(browser, redirect, null, target.endpoint(), -1)
        tenant.upsertUser('rita')
        tenant.registerDevice('rita', browser.registration())

        when:
        def created = call('POST', '/v1/sends', [userIds: ['rita'], title: 'hi'], tenant.key())
        awaitSend(created.body.id)
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items

        then:
        webPush.attempts(browser) == 1
        webPush.attempts(target) == 0
        rows*.status == ['failed']
        rows*.reason == ['webpush:redirect_refused']

        where:
        redirect << [301, 302, 307, 308]
    }

    def "an endpoint that has come to point inside the network is refused again at send time"() {
        given: 'a subscription registered while it was fine, whose endpoint now points at a loopback address'
        def tenant = newTenant()
        tenant.useWebPush()
        def browser = webPush.newSubscription()
        tenant.upsertUser('dora')
        def device = tenant.registerDevice('dora', browser.registration())
        queryValue("update devices set token = 'https://127.0.0.1:${probe.port()}/push/x' where id = '${device.id}' returning id")

        when:
        def created = call('POST', '/v1/sends', [userIds: ['dora'], title: 'hi'], tenant.key())
        awaitSend(created.body.id)
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items

        then:
        probe.connections() == 0
        webPush.attempts(browser) == 0
        rows*.status == ['failed']
        rows*.reason == ['webpush:endpoint_forbidden']
    }
}
