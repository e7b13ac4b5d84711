package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class FcmDeliverySpec extends HeraldSpec {

    def "a send reaches an Android device through the Firebase Admin SDK with the exact FCM v1 message"() {
        given: 'an app with a service account of project shop-prod and a user with an Android device'
        def tenant = newTenant()
        tenant.useFcm('shop-prod')
        def token = fcmToken()
        tenant.upsertUser('ana')
        tenant.registerDevice('ana', [provider: 'FCM', token: token, platform: 'android'])

        when:
        def created = call('POST', '/v1/sends', [
                userIds   : ['ana'], title: 'Order shipped', body: 'Your parcel is on its way',
                data      : [orderId: 'A-1001', items: 3], url: 'shop://orders/A-1001', imageUrl: 'https://cdn.example.com/p.png',
                sound     : 'chime', badge: 2, category: 'ORDER', threadId: 'orders', collapseId: 'order-A-1001',
                ttlSeconds: 600, priority: 'normal'], tenant.key())
        awaitSend(created.body.id)
        def received = fcm.receivedFor([token])

        then: 'FCM received one authorised request for the project, carrying exactly this message'
        created.status == 201
        received.size() == 1
        received[0].projectId() == 'shop-prod'
        received[0].headers()['authorization'].startsWith('Bearer ya29.test-')
        received[0].message() == [
                token       : token,
                notification: [title: 'Order shipped', body: 'Your parcel is on its way', image: 'https://cdn.example.com/p.png'],
                data        : [orderId: 'A-1001', items: '3',
                               herald : """{"sendId":"${created.body.id}","url":"shop://orders/A-1001","imageUrl":"https://cdn.example.com/p.png"}""".toString()],
                android     : [collapse_key: 'order-A-1001', priority: 'normal', ttl: '600s',
                               notification: [sound: 'chime', tag: 'orders', click_action: 'ORDER', notification_count: 2]]]

        and: 'the ledger has the accepted delivery with the message name FCM answered'
        def rows = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items
        rows.size() == 1
        rows[0].channel == 'fcm'
        rows[0].status == 'accepted'
        rows[0].providerStatus == 200
        rows[0].providerMessageId ==~ /projects\/shop-prod\/messages\/\d+/
    }

    def "a background push to Android is a data-only message at normal priority"() {
        given:
        def tenant = newTenant()
        tenant.useFcm()
        def token = fcmToken()
        tenant.upsertUser('ben')
        tenant.registerDevice('ben', [provider: 'FCM', token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['ben'], pushType: 'background', data: [sync: 'inbox']], tenant.key())
        awaitSend(created.body.id)
        def received = fcm.receivedFor([token])

        then:
        received.size() == 1
        received[0].message() == [
                token  : token,
                data   : [sync: 'inbox', herald: """{"sendId":"${created.body.id}"}""".toString()],
                android: [collapse_key: created.body.id, priority: 'normal', ttl: '86400s']]
    }

    def "without an FCM credential the app's Android pushes are captured as the FCM message they would be"() {
        given:
        def tenant = newTenant()
        def token = fcmToken()
        tenant.upsertUser('cai')
        tenant.registerDevice('cai', [provider: 'FCM', token: token])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['cai'], title: 'Hi', body: 'There'], tenant.key())
        awaitSend(created.body.id)
        def captured = call('GET', "/v1/captured-pushes?sendId=${created.body.id}", null, tenant.key()).body.items

        then:
        fcm.receivedFor([token]).isEmpty()
        captured.size() == 1
        captured[0].provider == 'FCM'
        captured[0].payload.message.token == token
        captured[0].payload.message.notification == [title: 'Hi', body: 'There']
        captured[0].payload.message.android.priority == 'high'
    }

    def "an FCM credential is kept sealed: responses show the project, the account and a fingerprint only"() {
        given:
        def tenant = newTenant()
        def account = fcm.newServiceAccount('sealed-project')

        when:
        def put = call('PUT', "/v1/apps/$tenant.appId/credentials/fcm", [serviceAccount: account], tenant.key())
        def got = call('GET', "/v1/apps/$tenant.appId/credentials/fcm", null, tenant.key())

        then:
        put.status == 200
        put.body.kind == 'fcm'
        put.body.settings == [projectId: 'sealed-project', clientEmail: account.client_email]
        put.body.fingerprint ==~ /sha256:[0-9a-f]{16}/
        got.body == put.body
        !put.toString().contains('PRIVATE KEY')

        and: 'the stored secret is sealed, not the key file'
        def stored = queryValue("select secret_sealed from provider_credentials where app_id = '$tenant.appId' and kind = 'FCM'")
        stored.startsWith('v1:test-1:')
        !stored.contains('PRIVATE')
    }

    def "a service account that is not one is refused with the field at fault"() {
        given:
        def tenant = newTenant()
        def account = fcm.newServiceAccount('p') + change

        when:
        def response = call('PUT', "/v1/apps/$tenant.appId/credentials/fcm", [serviceAccount: account], tenant.key())

        then:
        response.status == 400
        response.contentType.startsWith('application/problem+json')
        response.body.errors*.field == [field]
        queryValue("select count(*) from provider_credentials where app_id = '$tenant.appId'") == '0'

        where:
        change                                          || field
        [type: 'authorized_user']                       || 'serviceAccount.type'
        [project_id: '']                                || 'serviceAccount.project_id'
        [private_key: 'not a key']                      || 'serviceAccount.private_key'
        [token_uri: 'http://169.254.169.254/token']     || 'serviceAccount.token_uri'
        [token_uri: fcm.rootUrl() + '/token']           || 'serviceAccount.token_uri'
    }
}
