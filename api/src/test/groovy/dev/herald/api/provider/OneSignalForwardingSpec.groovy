package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class OneSignalForwardingSpec extends HeraldSpec {

    def "a push to a OneSignal subscription is forwarded through OneSignal's REST API, once per device"() {
        given:
        def tenant = newTenant()
        def app = tenant.useOneSignal()
        def subscription = UUID.randomUUID().toString()
        tenant.upsertUser('ola')
        def device = tenant.registerDevice('ola', [provider: 'ONESIGNAL', token: subscription])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['ola'], title: 'Moved', body: 'Still here', data: [k: 'v'],
                                                  url: 'https://example.com/x', badge: 1, collapseId: 'c1', ttlSeconds: 60], tenant.key())
        awaitSend(created.body.id)
        def received = oneSignal.receivedFor(subscription)

        then: "OneSignal got the app's key and this body"
        received.size() == 1
        received[0].authorization() == "Key ${app.restApiKey}"
        received[0].query() == 'c=push'
        received[0].body() == [
                app_id                  : app.appId,
                include_subscription_ids: [subscription],
                target_channel          : 'push',
                idempotency_key         : UUID.nameUUIDFromBytes("${created.body.id}/${device.id}".getBytes('UTF-8')).toString(),
                headings                : [en: 'Moved'],
                contents                : [en: 'Still here'],
                url                     : 'https://example.com/x',
                ios_badgeType           : 'SetTo',
                ios_badgeCount          : 1,
                data                    : [k: 'v', herald: [sendId: created.body.id, url: 'https://example.com/x']],
                collapse_id             : 'c1',
                ttl                     : 60,
                priority                : 10]

        and:
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items
        rows*.channel == ['onesignal']
        rows*.status == ['accepted']
    }

    def "a subscription OneSignal no longer knows disables the device"() {
        given:
        def tenant = newTenant()
        tenant.useOneSignal()
        def subscription = UUID.randomUUID().toString()
        oneSignal.unsubscribe(subscription)
        tenant.upsertUser('oto')
        tenant.registerDevice('oto', [provider: 'ONESIGNAL', token: subscription])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['oto'], title: 'Hi'], tenant.key())
        awaitSend(created.body.id)

        then:
        call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items*.reason == ['onesignal:invalid_subscription']
        call('GET', '/v1/users/oto/devices', null, tenant.key()).body.items*.enabled == [false]
    }

    def "the OneSignal credential shows its app id and a fingerprint, never the REST key; bad ones are refused"() {
        given:
        def tenant = newTenant()
        def app = oneSignal.newApp()

        when:
        def put = call('PUT', "/v1/apps/$tenant.appId/credentials/onesignal", app, tenant.key())
        def bad = call('PUT', "/v1/apps/$tenant.appId/credentials/onesignal", [appId: 'not-a-uuid', restApiKey: ''], tenant.key())

        then:
        put.status == 200
        put.body.settings == [oneSignalAppId: app.appId]
        put.body.fingerprint ==~ /sha256:[0-9a-f]{16}/
        !put.toString().contains(app.restApiKey)
        bad.status == 400
        bad.body.errors*.field.sort() == ['appId', 'restApiKey']
    }
}
