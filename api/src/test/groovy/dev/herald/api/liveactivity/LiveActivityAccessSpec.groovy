package dev.herald.api.liveactivity

import dev.herald.api.support.AccessMatrixSpec
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Instant

/**
 * The S1 matrix on every live activity endpoint (see {@link AccessMatrixSpec}), and bad input
 * (400 naming the field, nothing changes).
 */
@MicronautTest(transactional = false)
class LiveActivityAccessSpec extends AccessMatrixSpec {

    static final String TYPE = 'ScoreAttributes'

    @Override
    Map<String, Object> arrange() {
        owner.useApns('com.example.scores')
        def device = owner.registerDevice('alice', [provider: 'APNS', token: apnsToken()])
        def startToken = apnsToken()
        assert call('PUT', "/v1/users/alice/devices/${device.id}/live-activity-start-tokens/$TYPE", [token: startToken], owner.key()).status == 201
        def updateToken = apnsToken()
        def activity = call('POST', '/v1/live-activities', [userId: 'alice', activityType: TYPE, origin: 'local',
                                                           updateToken: updateToken, contentState: [score: '0-0']], owner.key())
        assert activity.status == 201: activity
        [activity: activity.body.id, device: device.id, startToken: startToken, updateToken: updateToken, app: owner.appId]
    }

    @Override
    List<List<String>> routes() {
        [
                ['POST', '/v1/live-activities'],
                ['GET', '/v1/live-activities'],
                ['GET', '/v1/live-activities/{activity}'],
                ['POST', '/v1/live-activities/{activity}/updates'],
                ['POST', '/v1/live-activities/{activity}/end'],
                ['PUT', '/v1/live-activities/{activity}/update-token'],
                ['PUT', '/v1/users/alice/devices/{device}/live-activity-start-tokens/' + TYPE],
                ['GET', '/v1/users/alice/devices/{device}/live-activity-start-tokens'],
                ['DELETE', '/v1/users/alice/devices/{device}/live-activity-start-tokens/' + TYPE],
                ['PUT', '/v1/users/me/devices/{device}/live-activity-start-tokens/' + TYPE],
                ['GET', '/v1/users/me/devices/{device}/live-activity-start-tokens'],
                ['DELETE', '/v1/users/me/devices/{device}/live-activity-start-tokens/' + TYPE],
        ]
    }

    @Override
    List<List<String>> clientRoutes() {
        routes().findAll { it[1].contains('/users/me/') }
    }

    /** Alice's activity and device: a session acts on them for alice only; list and updates are the server's. */
    @Override
    List<List<String>> ownUserRoutes() {
        routes() - clientRoutes() - [['GET', '/v1/live-activities'], ['POST', '/v1/live-activities/{activity}/updates']]
    }

    /** Every route naming alice's activity, device or alice herself; also a start naming her device, a list naming the app. */
    @Override
    List<List<String>> crossOrgRoutes() {
        (routes() - clientRoutes() - [['GET', '/v1/live-activities']]) +
                [['POST', '/v1/live-activities?device'], ['GET', '/v1/live-activities?appId={app}']]
    }

    @Override
    void ownerUnchanged() {
        def activity = call('GET', "/v1/live-activities/${ids.activity}", null, owner.key()).body
        assert activity.status == 'active'
        assert activity.contentState == [score: '0-0']
        assert activity.hasUpdateToken
        assert call('GET', "/v1/users/alice/devices/${ids.device}/live-activity-start-tokens", null, owner.key()).body.items*.token == [ids.startToken]
        assert apns.receivedFor([ids.updateToken, ids.startToken]).isEmpty()
    }

    def "#method #path with #description is 400 naming #field"() {
        when:
        def response = call(method, resolve(path), body, owner.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.code == 'validation_failed'
        response.body.errors*.field.contains(field)

        and: 'nothing changed'
        with(call('GET', "/v1/live-activities/${ids.activity}", null, owner.key()).body) {
            it.status == 'active'
            it.contentState == [score: '0-0']
            it.updatesReceived == 0
        }
        call('GET', '/v1/live-activities', null, owner.key()).body.items.size() == 1
        call('GET', "/v1/users/alice/devices/${ids.device}/live-activity-start-tokens", null, owner.key()).body.items*.token == [ids.startToken]
        apns.receivedFor([ids.updateToken, ids.startToken]).isEmpty()

        where:
        method | path                                             | description                      | body                                                                  || field
        'POST' | '/v1/live-activities'                            | 'no activity type'               | startWithout('activityType')                                              || 'activityType'
        'POST' | '/v1/live-activities'                            | 'a type that is not a name'      | START + [activityType: '1 bad type']                                  || 'activityType'
        'POST' | '/v1/live-activities'                            | 'no user'                        | startWithout('userId')                                                    || 'userId'
        'POST' | '/v1/live-activities'                            | 'no content state'               | startWithout('contentState')                                              || 'contentState'
        'POST' | '/v1/live-activities'                            | 'a content state not an object'  | '{"userId":"alice","activityType":"ScoreAttributes","contentState":[1]}' || 'contentState'
        'POST' | '/v1/live-activities'                            | 'an unknown platform'            | START + [platform: 'windows']                                         || 'platform'
        'POST' | '/v1/live-activities'                            | 'an unknown origin'              | START + [origin: 'sideways']                                          || 'origin'
        'POST' | '/v1/live-activities'                            | 'an update token not hex'        | START + [origin: 'local', updateToken: 'zz']                          || 'updateToken'
        'POST' | '/v1/live-activities'                            | 'an update token on a remote start' | START + [origin: 'remote', updateToken: 'ab' * 40]                 || 'updateToken'
        'POST' | '/v1/live-activities'                            | 'a stale date in the past'       | START + [staleDate: '2020-01-01T00:00:00Z']                           || 'staleDate'
        'POST' | '/v1/live-activities'                            | 'a negative relevance score'     | START + [relevanceScore: -1]                                          || 'relevanceScore'
        'POST' | '/v1/live-activities'                            | 'an empty alert'                 | START + [alert: [:]]                                                  || 'alert'
        'POST' | '/v1/live-activities'                            | 'a bad external id'              | START + [externalId: 'has spaces']                                    || 'externalId'
        'POST' | '/v1/live-activities'                            | 'an oversize state'              | START + [contentState: [blob: 'x' * 5000]]                            || 'contentState'
        'POST' | '/v1/live-activities'                            | 'a timestamp that is not a time' | START + [timestamp: 'soon']                                           || 'timestamp'
        'POST' | '/v1/live-activities'                            | 'a remote start without token'   | START + [activityType: 'OtherAttributes']                             || 'deviceId'
        'GET'  | '/v1/live-activities?status=paused'              | 'an unknown status'              | null                                                                  || 'status'
        'GET'  | '/v1/live-activities?limit=0'                    | 'a zero limit'                   | null                                                                  || 'limit'
        'GET'  | '/v1/live-activities?after=nope'                 | 'a bad cursor'                   | null                                                                  || 'after'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'no content state'               | [priority: 10]                                                        || 'contentState'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'a priority of 7'                | [contentState: [score: '1-0'], priority: 7]                           || 'priority'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'a relevance score as text'      | '{"contentState":{"score":"1-0"},"relevanceScore":"high"}'            || 'relevanceScore'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'an alert title too long'        | [contentState: [score: '1-0'], alert: [title: 't' * 300]]             || 'alert.title'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'an oversize state'              | [contentState: [blob: 'x' * 5000]]                                    || 'contentState'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'a OneSignal event unknown'      | [event: 'pause', event_updates: [score: '1-0']]                       || 'event'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'a OneSignal update, no state'   | [event: 'update', name: 'x']                                          || 'event_updates'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'a OneSignal past stale date'    | [event: 'update', event_updates: [score: '1-0'], stale_date: 1]       || 'stale_date'
        'POST' | '/v1/live-activities/{activity}/updates'         | 'both shapes mixed'              | [event: 'update', event_updates: [score: '1-0'], contentState: [a: 1]] || 'event'
        'POST' | '/v1/live-activities/{activity}/end'             | 'an empty alert'                 | [alert: [:]]                                                          || 'alert'
        'POST' | '/v1/live-activities/{activity}/end'             | 'a dismissal date not a time'    | [dismissalDate: 'later']                                              || 'dismissalDate'
        'PUT'  | '/v1/live-activities/{activity}/update-token'    | 'no token'                       | [:]                                                                   || 'token'
        'PUT'  | '/v1/live-activities/{activity}/update-token'    | 'a token not hex'                | [token: 'not-a-token']                                                || 'token'
        'PUT'  | '/v1/users/alice/devices/{device}/live-activity-start-tokens/' + TYPE | 'a token not hex' | [token: 'xyz']                                  || 'token'
        'PUT'  | '/v1/users/alice/devices/{device}/live-activity-start-tokens/bad%20type' | 'a bad type' | [token: 'ab' * 40]                                || 'activityType'
    }

    def "a push-to-start token on an Android device is 400 naming the device"() {
        given:
        def android = owner.registerDevice('alice', [provider: 'FCM', token: fcmToken()])

        expect:
        def response = call('PUT', "/v1/users/alice/devices/${android.id}/live-activity-start-tokens/$TYPE", [token: 'ab' * 40], owner.key())
        response.status == 400
        response.body.errors*.field == ['deviceId']
    }

    static final Map START = [userId: 'alice', activityType: TYPE, contentState: [score: '0-0']]

    static Map startWithout(String field) {
        START.findAll { it.key != field }
    }

    @Override
    String resolve(String path) {
        super.resolve(path).replace('?device', '')
    }

    @Override
    Object body(String method, String path) {
        if (path.endsWith('/updates')) {
            return [contentState: [score: '1-0']]
        }
        if (path.endsWith('/end')) {
            return [contentState: [score: '9-9']]
        }
        if (path.contains('token')) {
            return method == 'PUT' ? [token: 'cd' * 40] : null
        }
        if (method == 'POST') {
            return path.contains('?device')
                    ? [userId: 'alice', deviceId: "${ids.device}".toString(), activityType: TYPE, contentState: [score: '5-5']]
                    : [userId: 'alice', activityType: TYPE, contentState: [score: '5-5'], timestamp: Instant.now().toString()]
        }
        null
    }
}
