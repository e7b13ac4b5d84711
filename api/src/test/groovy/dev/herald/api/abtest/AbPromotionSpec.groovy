package dev.herald.api.abtest

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import dev.herald.domain.abtest.AbBuckets
import groovy.json.JsonSlurper
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant
import java.util.concurrent.TimeUnit

/**
 * Auto-promotion end to end through REST, under time skipping: an A/B send goes to its sample
 * (the others are held back with reason ab_holdout), the workflow ab-promote-<sendId> waits its
 * minimum time on a durable timer, reads the stats the opens made, declares the winner on the
 * test, and a follow-up send gives the held-back users the winner at the APNs peer.
 */
@MicronautTest(transactional = false)
class AbPromotionSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.promote')
    }

    def "opens make B win: after the minimum hour B is declared and the held-back users get B, each once"() {
        given: '80 users, half of them in the sample, split 50/50 between A and B'
        def test = abTest([samplePercent: 50, minSamplePerVariant: 5, minWaitMinutes: 60, maxWaitMinutes: 240, checkEveryMinutes: 30])
        def users = (1..80).collect { "reader-$it".toString() }
        Map<String, String> tokens = users.collectEntries { u -> [(u): device(u)] }
        def sampled = users.findAll { AbBuckets.inSample(UUID.fromString(test), it, 50) }
        def heldBack = users - sampled

        when:
        def sendId = call('POST', '/v1/sends', [userIds: users, abTestId: test], tenant.key()).body.id
        awaitSend(sendId)
        def rows = call('GET', "/v1/sends/$sendId/deliveries?limit=100", null, tenant.key()).body.items

        then: 'the sample got its variants; the rest are in the ledger as held back, and got nothing yet'
        rows.findAll { it.status == 'accepted' }*.userId.toSet() == sampled.toSet()
        rows.findAll { it.status == 'suppressed' }.every { it.reason == 'ab_holdout' }
        rows.findAll { it.status == 'suppressed' }*.userId.toSet() == heldBack.toSet()
        apns.receivedFor(heldBack.collect { tokens[it] }).isEmpty()
        call('GET', "/v1/ab-tests/$test/results", null, tenant.key()).body.variants*.sent.sum() == sampled.size()

        when: 'everyone who got B opens it, no one who got A does'
        def gotB = sampled.findAll { titleOf(tokens[it]) == 'B: last hours' }
        def opens = []
        for (row in rows.findAll { it.userId in gotB }) {
            opens << call('POST', '/v1/track/open', [sendId: sendId, deviceId: row.deviceId], tenant.key()).status
        }
        def waiting = awaitPromotion(sendId) { it.status == 'WAITING' && it.nextCheckAt != null }

        then: 'the workflow waits out its minimum hour'
        opens.every { it == 200 }
        gotB.size() >= 5 && sampled.size() - gotB.size() >= 5
        waiting.checks == 1
        Duration.between(Instant.parse(waiting.sampleSentAt), Instant.parse(waiting.nextCheckAt)) == Duration.ofMinutes(60)
        waiting.winner == null
        call('GET', "/v1/ab-tests/$test", null, tenant.key()).body.winner == null

        when: 'the hour passes'
        skip(Duration.ofMinutes(61))
        def done = promotionResult(sendId)
        def state = call('GET', "/v1/sends/$sendId/ab-promotion", null, tenant.key()).body

        then: 'B is the winner, recorded on the test like a manual one'
        done.status == 'COMPLETED'
        state.status == 'COMPLETED'
        state.winner == 'b'
        state.winnerSource == 'auto'
        state.leader == 'b'
        state.variants*.key == ['a', 'b']
        state.variants[1].significant
        with(call('GET', "/v1/ab-tests/$test", null, tenant.key()).body) {
            winner == 'b'
            winnerSource == 'auto'
        }

        and: 'the held-back users got B at the APNs peer, exactly once; the sample got nothing more'
        state.followUpVariant == 'b'
        state.followUpUsers == heldBack.size()
        state.followUpStatus == 'COMPLETED'
        heldBack.every { apns.receivedFor([tokens[it]]).size() == 1 && titleOf(tokens[it]) == 'B: last hours' }
        sampled.every { apns.receivedFor([tokens[it]]).size() == 1 }
        with(call('GET', "/v1/sends/${state.followUpSendId}", null, tenant.key()).body) {
            status == 'completed'
            deliveries.accepted == heldBack.size()
        }

        and: 'the follow-up is not part of the experiment: the stats still count the sample only'
        call('GET', "/v1/ab-tests/$test/results", null, tenant.key()).body.variants*.sent.sum() == sampled.size()
    }

    def "no significant difference by the deadline: no winner is recorded and the held-back users get the control"() {
        given:
        def test = abTest([samplePercent: 50, minSamplePerVariant: 5, minWaitMinutes: 60, maxWaitMinutes: 120, checkEveryMinutes: 60])
        def users = (1..40).collect { "skimmer-$it".toString() }
        Map<String, String> tokens = users.collectEntries { u -> [(u): device(u)] }
        def heldBack = users.findAll { !AbBuckets.inSample(UUID.fromString(test), it, 50) }

        when: 'nobody opens anything; the checks at 60 and 120 minutes come and go'
        def sendId = call('POST', '/v1/sends', [userIds: users, abTestId: test], tenant.key()).body.id
        awaitSend(sendId)
        awaitPromotion(sendId) { it.checks == 1 && it.nextCheckAt != null }
        skip(Duration.ofMinutes(61))
        awaitPromotion(sendId) { it.checks == 2 && it.nextCheckAt != null }
        skip(Duration.ofMinutes(61))
        promotionResult(sendId)
        def state = call('GET', "/v1/sends/$sendId/ab-promotion", null, tenant.key()).body

        then:
        state.status == 'COMPLETED'
        state.checks == 3
        state.winner == null
        state.winnerSource == 'auto_inconclusive'
        state.followUpVariant == 'a'
        with(call('GET', "/v1/ab-tests/$test", null, tenant.key()).body) {
            winner == null
            winnerSource == 'auto_inconclusive'
        }
        heldBack.every { apns.receivedFor([tokens[it]]).size() == 1 && titleOf(tokens[it]) == 'A: spring sale' }
    }

    def "#method #path: 401 without credentials, 403 for a session, 404 for another org's send or a send without auto-promotion"() {
        given:
        def test = abTest([samplePercent: 50, minSamplePerVariant: 5, minWaitMinutes: 60, maxWaitMinutes: 120])
        tenant.upsertUser('sam')
        def promoted = call('POST', '/v1/sends', [userIds: ['sam'], abTestId: test], tenant.key()).body.id
        def plain = call('POST', '/v1/sends', [userIds: ['sam'], title: 'x'], tenant.key()).body.id
        def intruder = newTenant()

        expect:
        call(method, path.replace('{id}', promoted)).status == 401
        call(method, path.replace('{id}', promoted), null, tenant.bearer(tenant.session('sam'))).body.code == 'api_key_required'
        call(method, path.replace('{id}', promoted), null, intruder.key()).status == 404
        call(method, path.replace('{id}', plain), null, tenant.key()).status == 404
        call(method, path.replace('{id}', 'not-a-uuid'), null, tenant.key()).status in [400, 404]
        awaitPromotion(promoted) { it.testId == test }.sendId == promoted

        where:
        method | path
        'GET'  | '/v1/sends/{id}/ab-promotion'
    }

    def "an unknown ifInconclusive is a 400 naming the field"() {
        when:
        def response = call('POST', '/v1/ab-tests', [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, body: 'B']],
                                                     autoPromote: [samplePercent: 20, minSamplePerVariant: 10, minWaitMinutes: 0, maxWaitMinutes: 60,
                                                                   ifInconclusive: 'b']], tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field == ['autoPromote.ifInconclusive']
    }

    private String abTest(Map autoPromote) {
        def response = call('POST', '/v1/ab-tests', [name: 'sale copy', autoPromote: autoPromote, variants: [
                [key: 'a', weight: 50, title: 'A: spring sale', body: '20% off'],
                [key: 'b', weight: 50, title: 'B: last hours', body: '20% off ends tonight']]], tenant.key())
        assert response.status == 201: response
        response.body.id
    }

    private String device(String userId) {
        def token = apnsToken()
        tenant.upsertUser(userId)
        tenant.registerDevice(userId, [provider: 'APNS', token: token])
        token
    }

    private static String titleOf(String token) {
        def received = apns.receivedFor([token])
        received ? new JsonSlurper().parseText(received.last().payload()).aps.alert.title : null
    }

    private Map awaitPromotion(String sendId, Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 30_000
        while (true) {
            def response = call('GET', "/v1/sends/$sendId/ab-promotion", null, tenant.key())
            if (response.status == 200 && condition(response.body)) {
                return response.body
            }
            assert System.currentTimeMillis() < deadline: "the promotion never got there: $response"
            Thread.sleep(50)
        }
    }

    private Map promotionResult(String sendId) {
        workflowClient.newUntypedWorkflowStub("ab-promote-$sendId").getResult(60, TimeUnit.SECONDS, Map)
    }
}
