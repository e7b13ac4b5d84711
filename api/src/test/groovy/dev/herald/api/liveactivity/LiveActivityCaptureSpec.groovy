package dev.herald.api.liveactivity

import dev.herald.activities.provider.apns.LiveActivityNotifications
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * Live Activities and Live Updates of an app without credentials, on the embedded default
 * (capture on): every push (push-to-start, update, end) is captured as the exact request APNs
 * or FCM would have received, readable at GET /v1/captured-pushes?liveActivityId=…, and a push
 * over the service's limit is refused at delivery whether it would have been captured or sent.
 */
@MicronautTest(transactional = false)
class LiveActivityCaptureSpec extends HeraldSpec {

    static final String TYPE = 'DeliveryAttributes'

    PollingConditions eventually = new PollingConditions(timeout: 10)
    Tenant tenant
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS)

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
    }

    List<Map> captured(Object activityId) {
        def response = call('GET', "/v1/captured-pushes?liveActivityId=$activityId", null, tenant.key())
        assert response.status == 200: response
        response.body.items
    }

    Map activity(Object id) {
        call('GET', "/v1/live-activities/$id", null, tenant.key()).body
    }

    /** An iPhone of alice's with a push-to-start token for TYPE, reported by the app: [device, start token]. */
    List iphoneThatCanStart() {
        def device = tenant.registerDevice('alice', [provider: 'APNS', token: apnsToken(), platform: 'ios'])
        def startToken = apnsToken()
        def reported = call('PUT', "/v1/users/me/devices/${device.id}/live-activity-start-tokens/$TYPE", [token: startToken],
                tenant.bearer(tenant.session('alice')))
        assert reported.status == 201: reported
        [device, startToken]
    }

    static Map apnsHeaders(Map captured) {
        captured.headers.findAll { it.key != 'apns-expiration' }
    }

    def "an iOS Live Activity of an app without an APNs credential: push-to-start, update and end are captured as APNs would receive them"() {
        given:
        def (device, startToken) = iphoneThatCanStart()
        def updateToken = apnsToken()

        when: 'the server starts the activity by push'
        def started = call('POST', '/v1/live-activities', [
                userId      : 'alice', activityType: TYPE, attributes: [orderId: '42'],
                contentState: [status: 'preparing', etaMinutes: 30],
                alert       : [title: 'Order confirmed', body: 'Your pizza is being prepared'],
                timestamp   : base.toString()], tenant.key())
        def id = started.body.id as String

        then: 'it runs, and the push-to-start is captured on the start token: liveactivity push type, its topic, priority 10'
        started.status == 201
        started.body.status == 'active'
        def start = captured(id)
        start.size() == 1
        start[0].subMap('liveActivityId', 'deviceId', 'provider', 'token') ==
                [liveActivityId: id, deviceId: device.id, provider: 'APNS', token: startToken]
        start[0].sendId == null
        apnsHeaders(start[0]) == ['apns-topic'    : 'capture.push-type.liveactivity', 'apns-push-type': 'liveactivity',
                                  'apns-priority' : 10, 'apns-id': LiveActivityNotifications.apnsId(UUID.fromString(id), 1).toString()]
        start[0].headers['apns-expiration'] > Instant.now().epochSecond
        start[0].payload == [aps: [
                event            : 'start',
                timestamp        : base.epochSecond,
                'content-state'  : [status: 'preparing', etaMinutes: 30],
                'attributes-type': TYPE,
                attributes       : [orderId: '42', heraldActivityId: id],
                alert            : [title: 'Order confirmed', body: 'Your pizza is being prepared']]]

        when: 'the app reports the activity token, the server updates it and the interval passes'
        assert call('PUT', "/v1/live-activities/$id/update-token", [token: updateToken], tenant.bearer(tenant.session('alice'))).status == 200
        def updated = call('POST', "/v1/live-activities/$id/updates",
                [contentState: [status: 'cooking', etaMinutes: 20], timestamp: base.plusSeconds(10).toString(), priority: 5], tenant.key())
        skip(Duration.ofSeconds(15))

        then: 'the update is captured on the update token'
        updated.status == 202
        eventually.eventually { assert captured(id).size() == 2 }
        def update = captured(id)[1]
        update.token == updateToken
        apnsHeaders(update) == ['apns-topic'   : 'capture.push-type.liveactivity', 'apns-push-type': 'liveactivity',
                                'apns-priority': 5, 'apns-id': LiveActivityNotifications.apnsId(UUID.fromString(id), 2).toString()]
        update.payload == [aps: [event: 'update', timestamp: base.plusSeconds(10).epochSecond, 'content-state': [status: 'cooking', etaMinutes: 20]]]

        when: 'the server ends it'
        def ended = call('POST', "/v1/live-activities/$id/end", [contentState : [status: 'delivered', etaMinutes: 0],
                                                                dismissalDate: base.plusSeconds(3600).toString(),
                                                                timestamp    : base.plusSeconds(20).toString()], tenant.key())

        then: 'the end push is captured too, and the activity counts three pushes sent'
        ended.status == 200
        ended.body.status == 'ended'
        ended.body.endReason == 'ended'
        ended.body.pushes == 3
        def end = captured(id)[2]
        end.token == updateToken
        end.headers['apns-push-type'] == 'liveactivity'
        end.payload == [aps: [event           : 'end', timestamp: base.plusSeconds(20).epochSecond,
                              'content-state' : [status: 'delivered', etaMinutes: 0],
                              'dismissal-date': base.plusSeconds(3600).epochSecond]]

        and: 'nothing went to APNs'
        apns.receivedFor([startToken, updateToken]).isEmpty()
    }

    def "an Android Live Update of an app without an FCM credential: start, update and end are captured as FCM data-only messages"() {
        given:
        def token = fcmToken()
        def device = tenant.registerDevice('alice', [provider: 'FCM', token: token, platform: 'android'])

        when:
        def started = call('POST', '/v1/live-activities', [userId      : 'alice', activityType: TYPE, attributes: [orderId: '7'],
                                                          contentState: [status: 'preparing'], timestamp: base.toString()], tenant.key())
        def id = started.body.id as String

        then: 'the start is captured as the body of the messages:send request'
        started.status == 201
        started.body.status == 'active'
        started.body.platform == 'android'
        def start = captured(id)
        start.size() == 1
        start[0].subMap('liveActivityId', 'deviceId', 'provider', 'token') == [liveActivityId: id, deviceId: device.id, provider: 'FCM', token: token]
        start[0].payload == [message: [
                token  : token,
                data   : [liveActivityEvent: 'start', liveActivityId: id, activityType: TYPE, timestamp: base.epochSecond.toString(),
                          contentState     : '{"status":"preparing"}', attributes: '{"orderId":"7"}'],
                android: [collapse_key: "live-activity-$id".toString(), priority: 'high', ttl: '3600s']]]

        when:
        call('POST', "/v1/live-activities/$id/updates", [contentState: [status: 'cooking'], timestamp: base.plusSeconds(10).toString()], tenant.key())
        skip(Duration.ofSeconds(15))
        eventually.eventually { assert captured(id).size() == 2 }
        def ended = call('POST', "/v1/live-activities/$id/end", [contentState: [status: 'delivered'], timestamp: base.plusSeconds(20).toString()],
                tenant.key())

        then: 'update and end are captured in turn'
        ended.body.status == 'ended'
        ended.body.pushes == 3
        captured(id)*.payload*.message*.data*.liveActivityEvent == ['start', 'update', 'end']
        captured(id)[1].payload.message.data.contentState == '{"status":"cooking"}'
        captured(id)[2].payload.message.android == [collapse_key: "live-activity-$id".toString(), priority: 'high', ttl: '28800s']
        fcm.receivedFor([token]).isEmpty()
    }

    def "a burst whose merged update outgrows 4 KB fails that push as apns:payload_too_large #route, and is neither captured nor sent"() {
        given: 'an activity the app started, whose first update has gone out'
        if (withCredential) {
            tenant.useApns('com.example.food')
        }
        def updateToken = apnsToken()
        tenant.registerDevice('alice', [provider: 'APNS', token: apnsToken(), platform: 'ios'])
        def id = call('POST', '/v1/live-activities', [activityType: TYPE, origin: 'local', updateToken: updateToken,
                                                      contentState: [status: 'preparing']], tenant.bearer(tenant.session('alice'))).body.id
        def t = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
        def confirmed = call('POST', "/v1/live-activities/$id/updates", [contentState: [status: 'confirmed'], timestamp: t.toString()], tenant.key())
        assert confirmed.status == 202: confirmed
        eventually.eventually { assert activity(id).pushes == 1 }
        def pushedBefore = withCredential ? apns.receivedFor([updateToken]).size() : captured(id).size()

        when: 'within the interval, an update with a 1 KB alert, then one with a 3.5 KB state: each fits, merged they do not'
        def first = call('POST', "/v1/live-activities/$id/updates", [contentState: [status: 'cooking'], alert: [title: 'Update', body: 'b' * 1000],
                                                                    timestamp   : t.plusSeconds(1).toString()], tenant.key())
        def second = call('POST', "/v1/live-activities/$id/updates", [contentState: [status: 'cooking', notes: 'n' * 3500],
                                                                     timestamp   : t.plusSeconds(2).toString()], tenant.key())
        skip(Duration.ofSeconds(15))

        then: 'the API took both and merged them; the merged push failed without going anywhere'
        pushedBefore == 1
        [first, second]*.status == [202, 202]
        second.body.coalesced
        eventually.eventually { assert activity(id).lastPushOutcome == 'failed: apns:payload_too_large' }
        activity(id).status == 'active'
        captured(id).size() == (withCredential ? 0 : 1)
        apns.receivedFor([updateToken]).size() == (withCredential ? 1 : 0)

        where:
        withCredential << [false, true]
        route = withCredential ? 'at APNs' : 'in the capture'
    }

    /**
     * The curl calls of README's Live Activity example, as written: method, path and JSON body,
     * the shell's {@code $(printf 'cd%.0s' {1..32})} expanded and its quotes removed.
     */
    static List<Map> readmeLiveActivityCalls() {
        def readme = new File('../README.md').exists() ? new File('../README.md') : new File('README.md')
        def text = readme.text
        def section = text.substring(text.indexOf('**Live Activities (iOS) and Live Updates (Android).**'))
        def block = section.substring(section.indexOf('```sh') + 5, section.indexOf('```', section.indexOf('```sh') + 5))
        def joined = block.replaceAll(/\\\n\s*/, ' ')
        joined.readLines().findAll { it.trim().startsWith('curl') }.collect { written ->
            def line = written.replaceAll(/\$\(printf '(\w+)%\.0s' \{1\.\.(\d+)\}\)/) { all, unit, times -> unit * (times as int) }
            def method = (line =~ /-X (\w+)/).with { it.find() ? it.group(1) : 'GET' }
            def path = (line =~ /localhost:8080(\S+?)["\s]/)[0][1]
            def body = (line =~ /-d (.+)$/).with { it.find() ? it.group(1).trim().replace("'", '') : null }
            [method: method, path: path, body: body]
        }
    }

    def "README's Live Activity example, run as written on the embedded default, captures the push-to-start, the update and the end"() {
        given: 'alice and her iPhone, as in the README'
        def calls = readmeLiveActivityCalls()
        def device = tenant.registerDevice('alice', [provider: 'APNS', token: 'ab' * 32])
        def id = null
        def answers = []

        when: 'each call of the example is made in turn, with the ids it names'
        for (c in calls) {
            if (c.path.contains('/end')) {
                // a person types the next command after the update went out; here the clock is moved instead
                skip(Duration.ofSeconds(15))
                eventually.eventually { assert captured(id).size() == 2 }
            }
            def path = c.path.replace('$DEVICE', device.id as String).replace('$ID', "$id")
            def response = call(c.method, path, c.body, tenant.key())
            answers << response
            if (c.method == 'POST' && path == '/v1/live-activities') {
                id = response.body.id
            }
        }

        then: 'the example has the calls the README describes, and every one succeeded'
        calls*.method == ['PUT', 'POST', 'PUT', 'POST', 'POST', 'GET']
        answers*.status == [201, 201, 200, 202, 200, 200]

        and: 'the last one lists the three pushes APNs would have received'
        answers.last().body.items*.payload*.aps*.event == ['start', 'update', 'end']
        answers.last().body.items*.token == ['cd' * 32, 'ef' * 32, 'ef' * 32]
        answers.last().body.items[0].payload.aps['attributes-type'] == 'DeliveryAttributes'
        answers.last().body.items[0].payload.aps['content-state'] == [status: 'preparing', etaMinutes: 30]
        answers.last().body.items[1].payload.aps.alert == [title: 'On its way']
        activity(id).status == 'ended'
    }

    def "another org's live activity id lists no captured pushes: 404"() {
        given:
        def (device, startToken) = iphoneThatCanStart()
        def id = call('POST', '/v1/live-activities', [userId: 'alice', activityType: TYPE, contentState: [status: 'preparing']], tenant.key()).body.id
        def intruder = newTenant()

        expect:
        captured(id).size() == 1
        with(call('GET', "/v1/captured-pushes?liveActivityId=$id", null, intruder.key())) {
            status == 404
            contentType == 'application/problem+json'
            body.code == 'not_found'
        }
        call('GET', '/v1/captured-pushes', null, intruder.key()).body.items.every { it.liveActivityId != id }
        call('GET', '/v1/captured-pushes?liveActivityId=nope', null, tenant.key()).status in [400, 404]
    }
}
