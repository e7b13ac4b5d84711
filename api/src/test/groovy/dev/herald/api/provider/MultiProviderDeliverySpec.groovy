package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class MultiProviderDeliverySpec extends HeraldSpec {

    def "one send reaches an iPhone through APNs, an Android phone through FCM and a browser through Web Push"() {
        given: 'an app with APNs and FCM credentials and a VAPID key pair with its contact'
        def tenant = newTenant()
        tenant.useApns('com.example.shop')
        tenant.useFcm('shop-prod')
        def vapidKey = tenant.useWebPush('mailto:ops@shop.example.com')

        and: 'one user with a device on each'
        def iosToken = apnsToken()
        def androidToken = fcmToken()
        def browser = webPush.newSubscription()
        tenant.upsertUser('maria')
        tenant.registerDevice('maria', [provider: 'APNS', token: iosToken, platform: 'ios'])
        tenant.registerDevice('maria', [provider: 'FCM', token: androidToken, platform: 'android'])
        tenant.registerDevice('maria', browser.registration() + [platform: 'web'])

        when:
        def created = call('POST', '/v1/sends', [
                userIds: ['maria'], title: 'Flash sale', body: '30% off today', data: [promo: 'FLASH30'],
                url    : 'https://shop.example.com/sale', ttlSeconds: 3600], tenant.key())
        def sendId = created.body.id
        awaitSend(sendId)
        def herald = [sendId: sendId, url: 'https://shop.example.com/sale']

        then: 'APNs received the alert with its headers'
        def ios = apns.receivedFor([iosToken])
        ios.size() == 1
        ios[0].header('apns-topic') == 'com.example.shop'
        ios[0].header('apns-push-type') == 'alert'
        ios[0].header('apns-priority') == '10'
        ios[0].header('apns-collapse-id') == sendId
        new JsonSlurper().parseText(ios[0].payload()) == [aps   : [alert: [title: 'Flash sale', body: '30% off today']],
                                                           promo : 'FLASH30', herald: herald]

        and: 'FCM received the message for the project'
        def android = fcm.receivedFor([androidToken])
        android.size() == 1
        android[0].projectId() == 'shop-prod'
        android[0].message() == [
                token       : androidToken,
                notification: [title: 'Flash sale', body: '30% off today'],
                data        : [promo: 'FLASH30', herald: """{"sendId":"$sendId","url":"https://shop.example.com/sale"}""".toString()],
                android     : [collapse_key: sendId, priority: 'high', ttl: '3600s', notification: [:]]]

        and: 'the browser push service got an aes128gcm body that decrypts, with the subscription key, to the payload'
        def web = webPush.receivedFor([browser])
        web.size() == 1
        web[0].header('Content-Encoding') == 'aes128gcm'
        web[0].header('TTL') == '3600'
        web[0].header('Urgency') == 'high'
        web[0].header('Topic') == sendId.replace('-', '')
        new JsonSlurper().parseText(web[0].plaintext()) == [title: 'Flash sale', body: '30% off today', data: [promo: 'FLASH30'], herald: herald]

        and: "signed with the app's VAPID key"
        web[0].header('Authorization').contains("k=$vapidKey")
        web[0].vapidClaims().aud == 'https://127.0.0.2'
        web[0].vapidClaims().sub == 'mailto:ops@shop.example.com'

        and: 'the ledger has one accepted row per device, on the right channel'
        def rows = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items
        rows.collectEntries { [(it.provider): [it.channel, it.status]] } == [
                APNS: ['apns', 'accepted'], FCM: ['fcm', 'accepted'], WEBPUSH: ['webpush', 'accepted']]
        rows.find { it.provider == 'WEBPUSH' }.providerStatus == 201
    }
}
