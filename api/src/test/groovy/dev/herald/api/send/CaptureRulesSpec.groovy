package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * The capture provider (capture on, as on the embedded default) applies each real service's
 * limits and rules, so a capture never shows a broken push as delivered: a personalised payload
 * over the service's limit fails for that device as the real path does, a malformed token is
 * answered as the service answers it, and a OneSignal capture is the create-notification body
 * forwarding would post.
 */
@MicronautTest(transactional = false)
class CaptureRulesSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
    }

    Map registration(String provider) {
        switch (provider) {
            case 'APNS': return [provider: 'APNS', token: apnsToken()]
            case 'FCM': return [provider: 'FCM', token: fcmToken()]
            case 'WEBPUSH': return webPush.newSubscription().registration()
            case 'ONESIGNAL': return [provider: 'ONESIGNAL', token: UUID.randomUUID().toString()]
        }
        throw new IllegalArgumentException(provider)
    }

    List<Map> rows(Object sendId) {
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items as List<Map>
    }

    List<Map> captured(Object sendId) {
        call('GET', "/v1/captured-pushes?sendId=$sendId", null, tenant.key()).body.items as List<Map>
    }

    def "a personalised push that outgrows the #provider limit for one recipient fails for that device as #reason and is not captured"() {
        given: 'a body that fits at the API, but grows by three copies of a 1 KB tag for one user (5 x 1 KB in all)'
        tenant.upsertUser('sam', [tags: [bio: 'short']])
        tenant.upsertUser('lou', [tags: [bio: 'L' * 1000]])
        def small = tenant.registerDevice('sam', registration(provider))
        def large = tenant.registerDevice('lou', registration(provider))

        when:
        def created = call('POST', '/v1/sends', [userIds: ['sam', 'lou'], title: 'News',
                                                 body   : 'n' * 1500 + ' {{tags.bio}} {{tags.bio}} {{tags.bio}}'], tenant.key())
        awaitSend(created.body.id)
        def byUser = rows(created.body.id).collectEntries { [(it.userId): it] }

        then: 'the small one is captured and accepted, the large one fails as the real service path fails it'
        created.status == 201
        byUser.sam.subMap('status', 'channel') == [status: 'accepted', channel: 'capture']
        byUser.lou.status == 'failed'
        byUser.lou.reason == reason
        captured(created.body.id)*.deviceId == [small.id]
        large.id != small.id

        where:
        provider  || reason
        'APNS'    || 'apns:payload_too_large'
        'FCM'     || 'fcm:payload_too_large'
        'WEBPUSH' || 'webpush:payload_too_large'
    }

    def "a 4.5 KB VoIP push to a PushKit token is captured: VoIP is held to PushKit's 5 KB, not to 4 KB"() {
        given:
        tenant.upsertUser('vic')
        tenant.registerDevice('vic', [provider: 'APNS_VOIP', token: apnsToken()])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['vic'], pushType: 'voip', data: [call: 'c' * 4500]], tenant.key())
        awaitSend(created.body.id)
        def captures = captured(created.body.id)

        then:
        created.status == 201
        rows(created.body.id)*.status == ['accepted']
        captures.size() == 1
        captures[0].headers['apns-push-type'] == 'voip'
        captures[0].headers['apns-topic'] == 'capture.voip'
        captures[0].payload.call == 'c' * 4500
    }

    def "a #provider token of the wrong shape (registered before shapes were checked) is answered #reason as the service would, and its device disabled"() {
        given:
        tenant.upsertUser('mal')
        def device = tenant.registerDevice('mal', registration(provider))
        queryValue("update devices set token = '$malformed' where id = '${device.id}' returning id")

        when:
        def created = call('POST', '/v1/sends', [userIds: ['mal'], title: 'Hello'], tenant.key())
        awaitSend(created.body.id)
        def stored = call('GET', '/v1/users/mal/devices', null, tenant.key()).body.items.find { it.id == device.id }

        then:
        rows(created.body.id)*.status == ['failed']
        rows(created.body.id)*.reason == [reason]
        captured(created.body.id) == []
        stored == null || !stored.enabled

        where:
        provider    | malformed || reason
        'APNS'      | 'not-hex' || 'apns:BadDeviceToken'
        'FCM'       | 'abc'     || 'fcm:invalid_registration'
        'ONESIGNAL' | 'abc'     || 'onesignal:invalid_subscription'
    }

    def "a OneSignal capture is the create-notification body OneSignal would receive, buttons, image, link and data included"() {
        given:
        tenant.upsertUser('ola')
        def subscription = UUID.randomUUID().toString()
        def device = tenant.registerDevice('ola', [provider: 'ONESIGNAL', token: subscription])

        when:
        def created = call('POST', '/v1/sends', [
                userIds   : ['ola'], title: 'Moved', body: 'Still here', data: [k: 'v'], url: 'https://example.com/x',
                imageUrl  : 'https://example.com/x.png', badge: 2, collapseId: 'c1', ttlSeconds: 60, threadId: 'news',
                actions   : [[id: 'open', title: 'Open', url: 'https://example.com/open'], [id: 'later', title: 'Later']]], tenant.key())
        def sendId = created.body.id
        awaitSend(sendId)
        def captures = captured(sendId)

        then: 'what the forwarding would post, but for the app_id that comes with the OneSignal credential'
        rows(sendId)*.subMap('status', 'channel') == [[status: 'accepted', channel: 'capture']]
        captures.size() == 1
        captures[0].provider == 'ONESIGNAL'
        captures[0].token == subscription
        captures[0].headers == ['Content-Type': 'application/json; charset=utf-8']
        def herald = [sendId  : sendId, url: 'https://example.com/x', imageUrl: 'https://example.com/x.png',
                      actions : [[id: 'open', title: 'Open', url: 'https://example.com/open'], [id: 'later', title: 'Later']]]
        captures[0].payload == [
                include_subscription_ids: [subscription],
                target_channel          : 'push',
                idempotency_key         : UUID.nameUUIDFromBytes("${sendId}/${device.id}".getBytes('UTF-8')).toString(),
                headings                : [en: 'Moved'],
                contents                : [en: 'Still here'],
                url                     : 'https://example.com/x',
                big_picture             : 'https://example.com/x.png',
                ios_attachments         : [image: 'https://example.com/x.png'],
                buttons                 : [[id: 'open', text: 'Open'], [id: 'later', text: 'Later']],
                thread_id               : 'news',
                ios_badgeType           : 'SetTo',
                ios_badgeCount          : 2,
                data                    : [k: 'v', herald: herald],
                collapse_id             : 'c1',
                ttl                     : 60,
                priority                : 10]
    }

    def "the same push forwarded for real carries the same body, with the app's OneSignal app id"() {
        given:
        def app = tenant.useOneSignal()
        tenant.upsertUser('ola')
        def subscription = UUID.randomUUID().toString()
        tenant.registerDevice('ola', [provider: 'ONESIGNAL', token: subscription])

        when:
        def created = call('POST', '/v1/sends', [userIds : ['ola'], title: 'Moved', imageUrl: 'https://example.com/x.png',
                                                 actions : [[id: 'open', title: 'Open']]], tenant.key())
        awaitSend(created.body.id)
        def received = oneSignal.receivedFor(subscription)

        then:
        received.size() == 1
        received[0].body().app_id == app.appId
        received[0].body().buttons == [[id: 'open', text: 'Open']]
        received[0].body().ios_attachments == [image: 'https://example.com/x.png']
        captured(created.body.id) == []
    }
}
