package dev.herald.api.liveactivity

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.MockFcm
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * Android Live Updates end to end: REST → workflow live-activity-<id> → Firebase Admin SDK →
 * the local FCM HTTP v1 server, asserting the exact data-only messages FCM received.
 */
@MicronautTest(transactional = false)
class LiveActivityAndroidSpec extends HeraldSpec {

    static final String TYPE = 'DeliveryAttributes'

    PollingConditions eventually = new PollingConditions(timeout: 10)
    Tenant tenant
    String token = fcmToken()
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS)

    def setup() {
        tenant = newTenant()
        tenant.useFcm('food-prod')
        tenant.upsertUser('ana')
        tenant.registerDevice('ana', [provider: 'FCM', token: token, platform: 'android'])
    }

    List<MockFcm.Received> received() {
        fcm.receivedFor([token])
    }

    Response post(String path, Map body) {
        call('POST', path, body, tenant.key())
    }

    static Map android(String id, String priority = 'high', String ttl = '3600s') {
        [collapse_key: "live-activity-$id".toString(), priority: priority, ttl: ttl]
    }

    def "with an iPhone that can start the activity too, #platform picks the device, and naming none is a 400"() {
        given: 'the user also has an iPhone with a push-to-start token for the type'
        tenant.useApns('com.example.food')
        def iphone = tenant.registerDevice('ana', [provider: 'APNS', token: apnsToken(), platform: 'ios'])
        def startToken = apnsToken()
        assert call('PUT', "/v1/users/ana/devices/${iphone.id}/live-activity-start-tokens/$TYPE", [token: startToken], tenant.key()).status == 201
        def android = call('GET', '/v1/users/ana/devices', null, tenant.key()).body.items.find { it.provider == 'FCM' }

        when:
        def started = post('/v1/live-activities', [userId: 'ana', activityType: TYPE, contentState: [status: 'preparing']] +
                (platform == 'none' ? [:] : [platform: platform]))

        then:
        started.status == status
        if (platform == 'none') {
            assert started.body.errors*.field == ['deviceId']
            assert started.body.errors[0].message.contains('2 devices')
            assert received().isEmpty() && apns.receivedFor([startToken]).isEmpty()
        } else {
            assert started.body.platform == platform
            assert started.body.deviceId == (platform == 'android' ? android.id : iphone.id)
            assert received().size() == (platform == 'android' ? 1 : 0)
            assert apns.receivedFor([startToken]).size() == (platform == 'ios' ? 1 : 0)
        }

        where:
        platform  || status
        'android' || 201
        'ios'     || 201
        'none'    || 400
    }

    def "a start, three quick updates and an end reach FCM as three data-only messages, the burst coalesced to its latest state"() {
        when: 'the server starts a Live Update on the Android device'
        def started = post('/v1/live-activities', [
                userId      : 'ana', platform: 'android', externalId: 'order-7', activityType: TYPE,
                attributes  : [orderId: '7'], contentState: [status: 'preparing', etaMinutes: 30],
                alert       : [title: 'Order confirmed'], timestamp: base.toString()])
        def id = started.body.id as String

        then: 'FCM received the start message for the device'
        started.status == 201
        started.body.platform == 'android'
        started.body.workflowId == "live-activity-$id"
        received().size() == 1
        received()[0].projectId() == 'food-prod'
        received()[0].message() == [
                token  : token,
                data   : [liveActivityEvent: 'start', liveActivityId: id, activityType: TYPE,
                          timestamp        : base.epochSecond.toString(),
                          contentState     : '{"status":"preparing","etaMinutes":30}',
                          attributes       : '{"orderId":"7"}', alertTitle: 'Order confirmed'],
                android: android(id)]

        when: 'three updates in quick succession'
        def updates = [
                [contentState: [status: 'cooking', etaMinutes: 20], timestamp: base.plusSeconds(10).toString()],
                [contentState: [status: 'out for delivery', etaMinutes: 10], timestamp: base.plusSeconds(11).toString()],
                [contentState: [status: 'arriving', etaMinutes: 2], timestamp: base.plusSeconds(12).toString()],
        ].collect { body -> post("/v1/live-activities/$id/updates", body) }

        then: 'they wait out the interval, merged'
        updates*.status == [202, 202, 202]
        updates*.body*.coalesced == [false, true, true]
        received().size() == 1

        when:
        skip(Duration.ofSeconds(15))

        then: 'one message carries the latest state'
        eventually.eventually { assert received().size() == 2 }
        received()[1].message() == [
                token  : token,
                data   : [liveActivityEvent: 'update', liveActivityId: id, activityType: TYPE,
                          timestamp        : base.plusSeconds(12).epochSecond.toString(),
                          contentState     : '{"status":"arriving","etaMinutes":2}'],
                android: android(id)]

        when: 'the server ends it'
        def ended = post("/v1/live-activities/$id/end", [contentState : [status: 'delivered', etaMinutes: 0],
                                                        dismissalDate: base.plusSeconds(900).toString(),
                                                        timestamp    : base.plusSeconds(20).toString()])

        then: 'the end message carries the final state and dismissal date'
        ended.status == 200
        ended.body.status == 'ended'
        received().size() == 3
        received()[2].message() == [
                token  : token,
                data   : [liveActivityEvent: 'end', liveActivityId: id, activityType: TYPE,
                          timestamp        : base.plusSeconds(20).epochSecond.toString(),
                          contentState     : '{"status":"delivered","etaMinutes":0}',
                          dismissalDate    : base.plusSeconds(900).epochSecond.toString()],
                android: android(id, 'high', '28800s')]
    }

    def "a Live Update the app started itself is adopted without a start message, then updated on the device's token"() {
        when:
        def adopted = call('POST', '/v1/live-activities', [activityType: TYPE, origin: 'local', externalId: 'ride-9',
                                                          contentState: [driver: 'Sam', etaMinutes: 8]], tenant.bearer(tenant.session('ana')))
        def id = adopted.body.id as String
        def again = call('POST', '/v1/live-activities', [activityType: TYPE, origin: 'local', externalId: 'ride-9',
                                                        contentState: [driver: 'Sam', etaMinutes: 8]], tenant.bearer(tenant.session('ana')))

        then: 'no start message; the same external id answers the same activity'
        adopted.status == 201
        adopted.body.platform == 'android'
        adopted.body.origin == 'local'
        again.status == 200
        again.body.id == id
        received().isEmpty()

        when:
        def update = post("/v1/live-activities/$id/updates", [contentState: [driver: 'Sam', etaMinutes: 3], priority: 5,
                                                             timestamp   : base.plusSeconds(5).toString()])

        then:
        update.status == 202
        eventually.eventually { assert received().size() == 1 }
        received()[0].message() == [
                token  : token,
                data   : [liveActivityEvent: 'update', liveActivityId: id, activityType: TYPE,
                          timestamp        : base.plusSeconds(5).epochSecond.toString(),
                          contentState     : '{"driver":"Sam","etaMinutes":3}'],
                android: android(id, 'normal')]
    }

    def "an Android device FCM calls unregistered is disabled and the activity waits"() {
        given:
        fcm.fail(token, 404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.', null, 100)

        when:
        def started = post('/v1/live-activities', [userId: 'ana', activityType: TYPE, contentState: [step: 1]])

        then: 'the start could not reach the device, so the activity ended at once'
        started.status == 201
        started.body.status == 'ended'
        started.body.endReason.startsWith('start_failed: token_invalid')
        call('GET', '/v1/users/ana/devices', null, tenant.key()).body.items[0].enabled == false
    }
}
