package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.TemporalOutage
import dev.herald.api.support.Tenant
import jakarta.inject.Inject
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors

/** Idempotency-Key on POST /v1/sends: one send per key and org within 24 hours. */
@MicronautTest(transactional = false)
class IdempotencyKeySpec extends HeraldSpec {

    @Inject
    TemporalOutage outage

    Tenant tenant

    def cleanup() {
        outage.end()
    }

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
        tenant.registerDevice('alice', [provider: 'APNS', token: apnsToken()])
    }

    def "concurrent requests with one Idempotency-Key create one send and all answer it"() {
        given:
        def key = ['Idempotency-Key': "order-${UUID.randomUUID()}".toString()]
        def start = new CountDownLatch(1)
        def pool = Executors.newFixedThreadPool(8)

        when:
        def futures = (1..8).collect {
            pool.submit({
                start.await()
                createSend(key)
            } as Callable<Response>)
        }
        start.countDown()
        def responses = futures*.get()
        pool.shutdown()

        then: 'every request got the same send'
        responses*.status.toSet() == [201] as Set
        responses*.body*.id.toSet().size() == 1

        and: 'the org has exactly one send, delivered once'
        def sendId = responses[0].body.id
        awaitSend(sendId)
        call('GET', '/v1/sends', null, tenant.key()).body.items*.id == [sendId]
        queryValue("select count(*) from sends where org_id = '${tenant.orgId}'") == '1'
        queryValue("select count(*) from deliveries where send_id = '$sendId'") == '1'
    }

    private Response createSend(Map<String, String> key) {
        call('POST', '/v1/sends', [userIds: ['alice'], title: 'Once'], tenant.key() + key)
    }

    def "a retry with the key answers the same send, marked as replayed"() {
        given:
        def key = ['Idempotency-Key': 'retry-1']

        when:
        def first = call('POST', '/v1/sends', [userIds: ['alice'], title: 'Once'], tenant.key() + key)
        awaitSend(first.body.id)
        def again = call('POST', '/v1/sends', [userIds: ['alice'], title: 'Once'], tenant.key() + key)

        then:
        first.status == 201
        again.status == 201
        again.body.id == first.body.id
        again.body.status == 'completed'
        queryValue("select count(*) from sends where org_id = '${tenant.orgId}'") == '1'
    }

    def "the same key for a different request is a 409; another org may use the same key"() {
        given:
        def key = ['Idempotency-Key': 'shared-key']
        def other = newTenant()
        other.upsertUser('alice')
        call('POST', '/v1/sends', [userIds: ['alice'], title: 'One'], tenant.key() + key)

        expect:
        with(call('POST', '/v1/sends', [userIds: ['alice'], title: 'Another'], tenant.key() + key)) {
            status == 409
            it.body.code == 'idempotency_key_reused'
        }
        call('POST', '/v1/sends', [userIds: ['alice'], title: 'One'], other.key() + key).status == 201
        queryValue("select count(*) from sends where org_id = '${tenant.orgId}'") == '1'
        queryValue("select count(*) from sends where org_id = '${other.orgId}'") == '1'
    }

    def "a send Temporal could not start is failed and frees its key: the retry with the key makes a new send, delivered once"() {
        given:
        def key = ['Idempotency-Key': "flaky-${UUID.randomUUID()}".toString()]

        when:
        outage.begin()
        def refused = createSend(key)
        outage.end()

        then:
        refused.status == 503
        refused.contentType == 'application/problem+json'
        refused.body.code == 'temporal_unavailable'
        refused.body.detail.contains('Idempotency-Key')
        queryValue("select status from sends where org_id = '${tenant.orgId}'") == 'FAILED'

        when: 'the client retries with the key, as the 503 asks'
        def retried = createSend(key)
        awaitSend(retried.body.id)
        def again = createSend(key)

        then: 'a new send, delivered; from then on the key answers it'
        retried.status == 201
        retried.body.status != 'failed'
        again.body.id == retried.body.id
        call('GET', "/v1/sends/${retried.body.id}", null, tenant.key()).body.status == 'completed'
        queryValue("select count(*) from deliveries d join sends s on s.id = d.send_id where s.org_id = '${tenant.orgId}'") == '1'
        queryValue("select count(*) from sends where org_id = '${tenant.orgId}'") == '2'
    }

    def "after 24 hours a key makes a new send"() {
        given:
        def key = ['Idempotency-Key': 'daily-digest']
        def first = call('POST', '/v1/sends', [userIds: ['alice'], title: 'Digest'], tenant.key() + key)
        awaitSend(first.body.id)
        queryValue("update send_idempotency_keys set created_at = now() - interval '25 hours' where org_id = '${tenant.orgId}' returning key")

        when:
        def next = call('POST', '/v1/sends', [userIds: ['alice'], title: 'Digest'], tenant.key() + key)

        then:
        next.status == 201
        next.body.id != first.body.id
        queryValue("select count(*) from sends where org_id = '${tenant.orgId}'") == '2'
    }
}
