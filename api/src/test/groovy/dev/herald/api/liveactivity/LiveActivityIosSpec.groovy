package dev.herald.api.liveactivity

import com.eatthepath.pushy.apns.server.RejectionReason
import dev.herald.activities.provider.apns.LiveActivityNotifications
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.MockApns
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.temporal.api.common.v1.WorkflowExecution
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import io.temporal.common.converter.DefaultDataConverter
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * iOS Live Activities end to end: REST → workflow live-activity-<id> → Pushy → MockApnsServer
 * over TLS, asserting the exact requests APNs received.
 */
@MicronautTest(transactional = false)
class LiveActivityIosSpec extends HeraldSpec {

    static final String TYPE = 'DeliveryAttributes'

    PollingConditions eventually = new PollingConditions(timeout: 10)
    Tenant tenant
    Map device
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS)

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.food')
        tenant.upsertUser('alice')
        device = tenant.registerDevice('alice', [provider: 'APNS', token: apnsToken(), platform: 'ios'])
    }

    static Map json(MockApns.Received received) {
        new JsonSlurper().parseText(received.payload()) as Map
    }

    static Map liveActivityHeaders(MockApns.Received r) {
        [type: r.header('apns-push-type'), topic: r.header('apns-topic'), priority: r.header('apns-priority')]
    }

    /** An activity as the API shows it (a helper: inside closures, call() would mean the closure's own). */
    Map activity(Object id) {
        call('GET', "/v1/live-activities/$id", null, tenant.key()).body
    }

    Response post(String path, Map body) {
        call('POST', path, body, tenant.key())
    }

    String registerStartToken(String token) {
        def response = call('PUT', "/v1/users/me/devices/${device.id}/live-activity-start-tokens/$TYPE", [token: token],
                tenant.bearer(tenant.session('alice')))
        assert response.status == 201: response
        token
    }

    def "a remote start, three quick updates and an end reach APNs as three pushes, the burst coalesced to its latest state"() {
        given: 'the app registered its push-to-start token for the activity type'
        def startToken = registerStartToken(apnsToken())
        def updateToken = apnsToken()

        when: 'the server starts the activity by push'
        def started = call('POST', '/v1/live-activities', [
                userId      : 'alice', externalId: 'order-42', activityType: TYPE,
                attributes  : [orderId: '42', restaurant: 'Pizzeria Uno'],
                contentState: [status: 'preparing', etaMinutes: 30],
                alert       : [title: 'Order confirmed', body: 'Your pizza is being prepared'],
                timestamp   : base.toString()], tenant.key())
        def id = UUID.fromString(started.body.id as String)

        then: 'the activity runs as its workflow, linked in the Temporal UI'
        started.status == 201
        started.body.status == 'active'
        started.body.platform == 'ios'
        started.body.origin == 'remote'
        started.body.deviceId == device.id
        started.body.workflowId == "live-activity-$id"
        started.body.temporalUrl == "http://temporal-ui.test/namespaces/default/workflows/live-activity-$id"

        and: 'operators find the run by org, app, kind and user, and read what it is'
        def description = temporal.workflowServiceStubs.blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace('default')
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("live-activity-$id").build()).build())
        description.workflowExecutionInfo.searchAttributes.indexedFieldsMap.collectEntries { name, payload ->
            [name, DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String, String)]
        } == [HeraldOrgId: tenant.orgId.toString(), HeraldAppId: tenant.appId.toString(), HeraldKind: 'live_activity', HeraldUserId: 'alice']
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(description.executionConfig.userMetadata.summary, String, String) ==
                "Live activity $TYPE for alice on ios (started by push)".toString()

        and: 'APNs received the push-to-start on the start token, exactly'
        def startPushes = apns.receivedFor([startToken])
        startPushes.size() == 1
        liveActivityHeaders(startPushes[0]) == [type: 'liveactivity', topic: 'com.example.food.push-type.liveactivity', priority: '10']
        startPushes[0].header('apns-id') == LiveActivityNotifications.apnsId(id, 1).toString()
        startPushes[0].header('apns-collapse-id') == null
        json(startPushes[0]) == [aps: [
                event            : 'start',
                timestamp        : base.epochSecond,
                'content-state'  : [status: 'preparing', etaMinutes: 30],
                'attributes-type': TYPE,
                attributes       : [orderId: '42', restaurant: 'Pizzeria Uno', heraldActivityId: id.toString()],
                alert            : [title: 'Order confirmed', body: 'Your pizza is being prepared']]]

        when: 'the app reports the activity token under the id the start push gave it, and the server updates three times in quick succession'
        def heraldId = json(startPushes[0]).aps.attributes.heraldActivityId
        def tokenReported = call('PUT', "/v1/live-activities/$heraldId/update-token", [token: updateToken], tenant.bearer(tenant.session('alice')))
        def updates = [
                [contentState: [status: 'cooking', etaMinutes: 20], timestamp: base.plusSeconds(10).toString()],
                [contentState: [status: 'out for delivery', etaMinutes: 10], timestamp: base.plusSeconds(11).toString()],
                [contentState: [status: 'arriving', etaMinutes: 2], timestamp: base.plusSeconds(12).toString(),
                 alert       : [title: 'Almost there', body: 'Your driver is around the corner', sound: 'chime.aiff']],
        ].collect { body -> post("/v1/live-activities/$id/updates", body) }

        then: 'all three are accepted; the later two merge into the first, waiting out the interval after the start push'
        tokenReported.status == 200
        tokenReported.body.hasUpdateToken
        updates*.status == [202, 202, 202]
        updates*.body*.coalesced == [false, true, true]
        apns.receivedFor([updateToken]).isEmpty()
        with(call('GET', "/v1/live-activities/$id", null, tenant.key()).body) {
            it.contentState == [status: 'arriving', etaMinutes: 2]
            it.updatesReceived == 3
            it.updatesCoalesced == 2
            it.nextPushAt != null
        }

        when: 'the interval passes'
        skip(Duration.ofSeconds(15))

        then: 'one push carries the latest state, with the alert of the burst'
        eventually.eventually { assert apns.receivedFor([updateToken]).size() == 1 }
        def update = apns.receivedFor([updateToken])[0]
        liveActivityHeaders(update) == [type: 'liveactivity', topic: 'com.example.food.push-type.liveactivity', priority: '10']
        update.header('apns-id') == LiveActivityNotifications.apnsId(id, 2).toString()
        json(update) == [aps: [
                event          : 'update',
                timestamp      : base.plusSeconds(12).epochSecond,
                'content-state': [status: 'arriving', etaMinutes: 2],
                alert          : [title: 'Almost there', body: 'Your driver is around the corner', sound: 'chime.aiff']]]

        when: 'the server ends it with a final state and a dismissal date'
        def ended = call('POST', "/v1/live-activities/$id/end", [
                contentState : [status: 'delivered', etaMinutes: 0],
                dismissalDate: base.plusSeconds(3600).toString(),
                timestamp    : base.plusSeconds(20).toString()], tenant.key())

        then: 'it has ended, after exactly one end push'
        ended.status == 200
        ended.body.status == 'ended'
        ended.body.endReason == 'ended'
        ended.body.contentState == [status: 'delivered', etaMinutes: 0]
        ended.body.pushes == 3
        def pushes = apns.receivedFor([startToken, updateToken])
        pushes.size() == 3
        liveActivityHeaders(pushes[2]) == [type: 'liveactivity', topic: 'com.example.food.push-type.liveactivity', priority: '10']
        pushes[2].token() == updateToken
        json(pushes[2]) == [aps: [
                event           : 'end',
                timestamp       : base.plusSeconds(20).epochSecond,
                'content-state' : [status: 'delivered', etaMinutes: 0],
                'dismissal-date': base.plusSeconds(3600).epochSecond]]

        and: 'it is no longer listed as active, and refuses further updates'
        !call('GET', "/v1/live-activities?appId=${tenant.appId}", null, tenant.key()).body.items*.id.contains(id.toString())
        call('GET', "/v1/live-activities?appId=${tenant.appId}&status=ended", null, tenant.key()).body.items*.id == [id.toString()]
        call('POST', "/v1/live-activities/$id/updates", [contentState: [status: 'late']], tenant.key()).body.code == 'activity_ended'
    }

    def "an activity nobody ends is ended at 8 hours with an end push of its latest state"() {
        given: 'the app started an activity itself and Herald adopted it with its token'
        def updateToken = apnsToken()
        def adopted = call('POST', '/v1/live-activities', [activityType: TYPE, origin: 'local', updateToken: updateToken,
                                                          contentState: [status: 'preparing', etaMinutes: 30]],
                tenant.bearer(tenant.session('alice')))
        def id = adopted.body.id

        expect: 'no start push for an activity the app started'
        adopted.status == 201
        adopted.body.origin == 'local'
        adopted.body.userId == 'alice'
        apns.receivedFor([updateToken]).isEmpty()

        when: 'a minute short of eight hours pass'
        skip(Duration.ofHours(8).minusMinutes(1))

        then: 'it is still running, nothing pushed'
        apns.receivedFor([updateToken]).isEmpty()
        call('GET', "/v1/live-activities/$id", null, tenant.key()).body.status == 'active'

        when: 'the last minute passes'
        skip(Duration.ofMinutes(1))

        then: 'the workflow ended it with an end push of its state'
        eventually.eventually { assert apns.receivedFor([updateToken]).size() == 1 }
        def end = apns.receivedFor([updateToken])[0]
        liveActivityHeaders(end) == [type: 'liveactivity', topic: 'com.example.food.push-type.liveactivity', priority: '10']
        def aps = json(end).aps as Map
        aps.subMap('event', 'content-state') == [event: 'end', 'content-state': [status: 'preparing', etaMinutes: 30]]
        aps.keySet() == ['event', 'timestamp', 'content-state'] as Set
        eventually.eventually {
            def record = activity(id)
            assert record.status == 'ended'
            assert record.endReason == 'max_lifetime'
        }
    }

    def "a token APNs calls invalid is retired, the event recorded, and the latest state goes to the next token"() {
        given:
        def deadToken = apnsToken()
        def freshToken = apnsToken()
        apns.reject(deadToken, RejectionReason.BAD_DEVICE_TOKEN)
        def id = call('POST', '/v1/live-activities', [userId: 'alice', activityType: TYPE, updateToken: deadToken,
                                                     contentState: [score: '0-0']], tenant.key()).body.id

        when:
        call('POST', "/v1/live-activities/$id/updates", [contentState: [score: '1-0']], tenant.key())

        then: 'the token is forgotten and the activity waits for a new one'
        eventually.eventually {
            def record = activity(id)
            assert !record.hasUpdateToken
            assert record.waitingForToken
            assert record.lastPushOutcome == 'token_invalid: apns:BadDeviceToken'
        }
        queryValue("select properties->>'tokenKind' from events where org_id = '${tenant.orgId}' and name = 'push.token_invalidated'") ==
                'live_activity_update'

        when: 'the app reports a fresh token'
        call('PUT', "/v1/live-activities/$id/update-token", [token: freshToken], tenant.key())
        skip(Duration.ofSeconds(15))

        then:
        eventually.eventually { assert apns.receivedFor([freshToken]).size() == 1 }
        (json(apns.receivedFor([freshToken])[0]).aps as Map)['content-state'] == [score: '1-0']
    }

    def "a push-to-start token APNs calls invalid is retired and the activity ends as never started"() {
        given:
        def startToken = registerStartToken(apnsToken())
        apns.reject(startToken, RejectionReason.BAD_DEVICE_TOKEN)

        when:
        def started = post('/v1/live-activities', [userId: 'alice', activityType: TYPE, contentState: [status: 'preparing']])

        then: 'the start never reached a device, so the activity is over at once'
        started.status == 201
        started.body.status == 'ended'
        started.body.endReason == 'start_failed: token_invalid: apns:BadDeviceToken'

        and: 'the token is gone and the event recorded; a new remote start needs a new token'
        call('GET', "/v1/users/alice/devices/${device.id}/live-activity-start-tokens", null, tenant.key()).body.items == []
        queryValue("select properties->>'tokenKind' from events where org_id = '${tenant.orgId}' and name = 'push.token_invalidated'") ==
                'live_activity_push_to_start'
        post('/v1/live-activities', [userId: 'alice', activityType: TYPE, contentState: [status: 'preparing']]).body.errors*.field == ['deviceId']
    }

    def "an update older than the last is dropped as stale; a OneSignal-style body updates and ends"() {
        given:
        def updateToken = apnsToken()
        def id = call('POST', '/v1/live-activities', [userId: 'alice', activityType: TYPE, updateToken: updateToken,
                                                     contentState: [score: '0-0']], tenant.key()).body.id
        call('POST', "/v1/live-activities/$id/updates", [contentState: [score: '2-1'], timestamp: base.plusSeconds(30).toString()], tenant.key())

        when:
        def stale = call('POST', "/v1/live-activities/$id/updates", [contentState: [score: '1-1'], timestamp: base.plusSeconds(20).toString()], tenant.key())

        then:
        stale.status == 409
        stale.body.code == 'stale_update'
        call('GET', "/v1/live-activities/$id", null, tenant.key()).body.contentState == [score: '2-1']

        when: 'OneSignal-shaped bodies'
        def update = call('POST', "/v1/live-activities/$id/updates", [event: 'update', name: 'goal', event_updates: [score: '3-1'],
                                                                     priority: 5, headings: [en: 'Goal!'], contents: [en: '3-1', es: '¡3-1!']], tenant.key())
        eventually.eventually { assert apns.receivedFor([updateToken]).size() == 2 }
        def end = call('POST', "/v1/live-activities/$id/updates", [event: 'end', name: 'final', event_updates: [score: '3-1', final: true],
                                                                  dismissal_date: base.plusSeconds(600).epochSecond], tenant.key())

        then:
        update.status == 202
        end.status == 200
        end.body.status == 'ended'
        def pushes = apns.receivedFor([updateToken])
        pushes.collect { (json(it).aps as Map).event } == ['update', 'update', 'end']
        pushes[1].header('apns-priority') == '5'
        (json(pushes[1]).aps as Map).subMap('content-state', 'alert') == ['content-state': [score: '3-1'], alert: [title: 'Goal!', body: '3-1']]
        (json(pushes[2]).aps as Map).subMap('content-state', 'dismissal-date') ==
                ['content-state': [score: '3-1', final: true], 'dismissal-date': base.plusSeconds(600).epochSecond]
    }
}
