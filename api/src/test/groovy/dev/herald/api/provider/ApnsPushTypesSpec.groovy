package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Instant
import java.time.temporal.ChronoUnit

/**
 * What reaches APNs for each kind of push, seen at the MockApnsServer: critical alerts with
 * their sound dictionary, interruption level, action buttons and expiry; VoIP pushes only to
 * PushKit tokens; and the payload limits (4 KB, 5 KB for VoIP) at the API and at send time.
 */
@MicronautTest(transactional = false)
class ApnsPushTypesSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.alarm')
    }

    private String device(String user, String provider = 'APNS', Map profile = [:]) {
        def token = apnsToken()
        tenant.upsertUser(user, profile)
        tenant.registerDevice(user, [provider: provider, token: token])
        token
    }

    private List<Map> rows(String sendId) {
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items as List<Map>
    }

    def "a critical alert carries its sound dictionary, interruption level, buttons and expiry on the wire"() {
        given:
        def token = device('cara')
        def expiresAt = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)

        when:
        def created = call('POST', '/v1/sends', [
                userIds : ['cara'], pushType: 'critical', title: 'Smoke detected', body: 'Kitchen', sound: 'alarm.caf',
                soundVolume: 0.8, relevanceScore: 1.0, expiresAt: expiresAt.toString(), threadId: 'home',
                actions : [[id: 'call', title: 'Call 112'], [id: 'silence', title: 'Silence', url: 'home://silence']]], tenant.key())
        awaitSend(created.body.id)
        def received = apns.receivedFor([token])

        then:
        created.status == 201
        received.size() == 1
        received[0].header('apns-push-type') == 'alert'
        received[0].header('apns-priority') == '10'
        received[0].header('apns-topic') == 'com.example.alarm'
        received[0].header('apns-expiration') == expiresAt.epochSecond.toString()
        def payload = new JsonSlurper().parseText(received[0].payload())
        payload.aps.remove('category') ==~ /herald\.[0-9a-f]{12}/
        payload == [
                aps   : [alert              : [title: 'Smoke detected', body: 'Kitchen'],
                         sound              : [critical: 1, name: 'alarm.caf', volume: 0.8],
                         'thread-id'        : 'home',
                         'mutable-content'  : 1,
                         'interruption-level': 'critical',
                         'relevance-score'  : 1.0],
                herald: [sendId : created.body.id,
                         actions: [[id: 'call', title: 'Call 112'], [id: 'silence', title: 'Silence', url: 'home://silence']]]]
        rows(created.body.id)*.status == ['accepted']
    }

    def "a time-sensitive alert says so, and a passive one without buttons is not mutable"() {
        given:
        def token = device('tim')

        when:
        def created = call('POST', '/v1/sends', [userIds: ['tim'], title: 'Your table is ready', interruptionLevel: level], tenant.key())
        awaitSend(created.body.id)
        def aps = new JsonSlurper().parseText(apns.receivedFor([token])[0].payload()).aps

        then:
        aps['interruption-level'] == level
        !aps.containsKey('mutable-content')
        !aps.containsKey('category')

        where:
        level << ['time-sensitive', 'passive']
    }

    def "a VoIP push goes to the PushKit token only, on <bundle>.voip at priority 10; alerts skip PushKit tokens"() {
        given: 'a user with a phone and a PushKit token'
        def phone = device('vic')
        def voip = apnsToken()
        tenant.registerDevice('vic', [provider: 'APNS_VOIP', token: voip])

        when: 'an incoming call of 4.5 KB (over the 4 KB alert limit, under the 5 KB VoIP one), then an alert'
        def ring = call('POST', '/v1/sends', [userIds: ['vic'], pushType: 'voip', data: [callId: 'c-9', sdp: 'v' * 4500]], tenant.key())
        awaitSend(ring.body.id)
        def alert = call('POST', '/v1/sends', [userIds: ['vic'], title: 'Missed call'], tenant.key())
        awaitSend(alert.body.id)

        then: 'the call reached only the PushKit token'
        ring.status == 201
        def calls = apns.receivedFor([phone, voip]).findAll { it.header('apns-push-type') == 'voip' }
        calls*.token() == [voip]
        calls[0].header('apns-topic') == 'com.example.alarm.voip'
        calls[0].header('apns-priority') == '10'
        new JsonSlurper().parseText(calls[0].payload()).callId == 'c-9'
        rows(ring.body.id)*.status.sort() == ['accepted', 'suppressed']
        rows(ring.body.id).find { it.status == 'suppressed' }.reason == 'not_a_voip_token'

        and: 'the alert reached only the phone'
        apns.receivedFor([phone, voip]).findAll { it.header('apns-push-type') == 'alert' }*.token() == [phone]
        rows(alert.body.id).find { it.status == 'suppressed' }.reason == 'voip_token'
    }

    def "#what is refused at the API with 400 naming #field"() {
        when:
        def response = call('POST', '/v1/sends', [userIds: ['nobody']] + body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)

        where:
        what                                   | body                                                                  || field
        'a 4.2 KB alert body'                  | [title: 'x', body: 'b' * 3990, data: [more: 'm' * 300]]               || 'body'
        'a 4.2 KB background push'             | [pushType: 'background', data: [blob: 'x' * 4200]]                    || 'data'
        'a 5.2 KB VoIP push'                   | [pushType: 'voip', data: [blob: 'x' * 5200]]                          || 'data'
        'a collapse id of 65 bytes'            | [title: 'x', collapseId: 'é' * 32 + 'c']                              || 'collapseId'
        'five action buttons'                  | [title: 'x', actions: (1..5).collect { [id: 'a' + it, title: 'A' + it] }] || 'actions'
        'a button without a title'             | [title: 'x', actions: [[id: 'a']]]                                    || 'actions[0].title'
        'an unknown interruption level'        | [title: 'x', interruptionLevel: 'urgent']                             || 'interruptionLevel'
        'a critical level on a plain alert'    | [title: 'x', interruptionLevel: 'critical']                           || 'interruptionLevel'
        'a sound volume on a plain alert'      | [title: 'x', soundVolume: 0.5]                                        || 'soundVolume'
        'a relevance score over 1'             | [title: 'x', relevanceScore: 1.5]                                     || 'relevanceScore'
        'an expiry in the past'                | [title: 'x', expiresAt: '2020-01-01T00:00:00Z']                       || 'expiresAt'
        'both an expiry and a TTL'             | [title: 'x', expiresAt: Instant.now().plusSeconds(3600).toString(), ttlSeconds: 60] || 'expiresAt'
        'buttons on a background push'         | [pushType: 'background', data: [a: 1], actions: [[id: 'a', title: 'A']]] || 'actions'
    }

    def "a personalised push that outgrows 4 KB for one recipient fails for that device with a clear reason and is not sent"() {
        given: 'a body that fits at the API, but grows by three copies of a 1 KB tag for one user'
        def small = device('sam', 'APNS', [tags: [bio: 'short']])
        def large = device('lou', 'APNS', [tags: [bio: 'L' * 1000]])

        when:
        def created = call('POST', '/v1/sends', [userIds: ['sam', 'lou'], title: 'News',
                                                 body   : 'n' * 1500 + ' {{tags.bio}} {{tags.bio}} {{tags.bio}}'], tenant.key())
        awaitSend(created.body.id)
        def byToken = rows(created.body.id).collectEntries { [(it.userId): it] }

        then: 'the API took it; the small one was delivered, the large one failed without reaching APNs'
        created.status == 201
        byToken.sam.status == 'accepted'
        byToken.lou.status == 'failed'
        byToken.lou.reason == 'apns:payload_too_large'
        apns.receivedFor([small]).size() == 1
        apns.attempts(large) == 0

        and: 'the send completed with the failure counted'
        call('GET', "/v1/sends/${created.body.id}", null, tenant.key()).body.deliveries.failed == 1
    }
}
