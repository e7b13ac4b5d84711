package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * Outside the dev sandbox (capture off, as against a Temporal cluster) a missing credential is a
 * failure, with one code per service for sends and live activities alike.
 */
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
        'FCM'    | [provider: 'FCM', token: fcmToken()]                 || 'fcm:no_credentials'
        'WEBPUSH'| webPush.newSubscription().registration()              || 'webpush:no_credentials'
    }

    def "with capture off a Web Push device of an app whose VAPID key pair has no contact fails as webpush:no_credentials"() {
        given: 'browsers can subscribe with the key, but nobody has said who sends'
        def tenant = newTenant()
        tenant.useWebPush(null)
        tenant.upsertUser('wes')
        def browser = webPush.newSubscription()
        tenant.registerDevice('wes', browser.registration())

        when:
        def created = call('POST', '/v1/sends', [userIds: ['wes'], title: 'Hello'], tenant.key())
        awaitSend(created.body.id)

        then:
        call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items*.reason == ['webpush:no_credentials']
        webPush.attempts(browser) == 0
        call('GET', "/v1/captured-pushes?sendId=${created.body.id}", null, tenant.key()).body.items == []
    }

    def "with capture off a Live Activity on #platform of an app without credentials ends at once as start_failed: failed: #reason"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('frank')
        def device = tenant.registerDevice('frank', platform == 'ios' ? [provider: 'APNS', token: apnsToken(), platform: 'ios']
                : [provider: 'FCM', token: fcmToken(), platform: 'android'])
        if (platform == 'ios') {
            assert call('PUT', "/v1/users/frank/devices/${device.id}/live-activity-start-tokens/Delivery", [token: apnsToken()], tenant.key()).status == 201
        }

        when:
        def started = call('POST', '/v1/live-activities', [userId: 'frank', activityType: 'Delivery', contentState: [status: 'preparing']], tenant.key())

        then: 'the same code as an ordinary send, and nothing captured'
        started.status == 201
        started.body.status == 'ended'
        started.body.endReason == "start_failed: failed: $reason".toString()
        call('GET', "/v1/captured-pushes?liveActivityId=${started.body.id}", null, tenant.key()).body.items == []

        where:
        platform  || reason
        'ios'     || 'apns:no_credentials'
        'android' || 'fcm:no_credentials'
    }
}
