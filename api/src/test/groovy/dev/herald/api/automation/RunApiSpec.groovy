package dev.herald.api.automation

import dev.herald.api.support.Tenant
import dev.herald.domain.automation.AbBucket
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Runs started over REST, listed, cancelled; entry rules; and every run endpoint's access rules. */
@MicronautTest(transactional = false)
class RunApiSpec extends AutomationHarness {

    static final Map NUDGE = [
            name   : 'VIP nudge',
            trigger: [manual: true],
            entry  : [reentryAfter: '1d'],
            steps  : [
                    [id: 'split', type: 'ab_split', variants: [[name: 'A', weight: 50, next: 'offer-a'], [name: 'B', weight: 50, next: 'offer-b']]],
                    [id: 'offer-a', type: 'send_push', title: 'A: {{event.offer}} off', next: 'end'],
                    [id: 'offer-b', type: 'send_push', title: 'B: {{event.offer}} off']]]

    static final Map SLOW = [name: 'Slow', trigger: [manual: true], entry: [reentryAfter: '1h'],
                             steps: [[id: 'wait', type: 'delay', duration: '1d'], [id: 'push', type: 'send_push', title: 'Late']]]

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns()
        publish(tenant, 'nudge', NUDGE)
        publish(tenant, 'slow', SLOW)
    }

    def "a backend starts a run with a payload; the user's sticky A/B variant decides the push"() {
        given:
        def token = userWithPhone(tenant, 'lena')
        def expected = AbBucket.of('nudge:split', 'lena') < 50 ? 'A' : 'B'

        when:
        def started = call('POST', '/v1/automations/nudge/runs', [userId: 'lena', payload: [offer: '20%']], tenant.key() + ['Idempotency-Key': 'nudge-lena-1'])
        def again = call('POST', '/v1/automations/nudge/runs', [userId: 'lena', payload: [offer: '20%']], tenant.key() + ['Idempotency-Key': 'nudge-lena-1'])
        def result = awaitRun(started.body)

        then:
        started.status == 201
        started.body.subMap('automation', 'version', 'userId', 'payload') == [automation: 'nudge', version: 1, userId: 'lena', payload: [offer: '20%']]
        started.body.trigger == null
        again.status == 200
        again.body.id == started.body.id
        result.path == ['split', "split:$expected".toString(), "offer-${expected.toLowerCase()}".toString()]
        pushesTo(token).size() == 1
        aps(pushesTo(token)[0]).aps.alert.title == "$expected: 20% off".toString()

        when: 'entry rules hold for REST runs too'
        def tooSoon = call('POST', '/v1/automations/nudge/runs', [userId: 'lena'], tenant.key())

        then:
        tooSoon.status == 409
        tooSoon.body.code == 'not_eligible'
        tooSoon.body.detail.contains('re-entry period')
    }

    def "a cancelled run stops where it is and sends nothing; it cannot be cancelled twice"() {
        given:
        def token = userWithPhone(tenant, 'mo')
        def started = call('POST', '/v1/automations/slow/runs', [userId: 'mo'], tenant.key()).body
        runAt(tenant, 'slow', 'mo', 'wait')

        when:
        def cancelled = call('DELETE', "/v1/automation-runs/${started.id}", null, tenant.key())
        skip(Duration.ofDays(2))

        then:
        cancelled.status == 200
        cancelled.body.status == 'cancelled'
        cancelled.body.finishedAt != null
        workflowClient.newUntypedWorkflowStub(started.workflowId as String).describe().status.name() == 'WORKFLOW_EXECUTION_STATUS_CANCELED'
        pushesTo(token).isEmpty()
        call('GET', '/v1/automation-runs?status=cancelled&automation=slow', null, tenant.key()).body.items*.id == [started.id]

        when:
        def again = call('DELETE', "/v1/automation-runs/${started.id}", null, tenant.key())

        then:
        again.status == 409
        again.body.code == 'run_finished'
    }

    def "runs are listed by automation, user and status, newest first, with their step and Temporal link"() {
        given:
        ['nia', 'oli'].each { userWithPhone(tenant, it) }
        def nia = call('POST', '/v1/automations/slow/runs', [userId: 'nia'], tenant.key()).body
        def oli = call('POST', '/v1/automations/slow/runs', [userId: 'oli'], tenant.key()).body
        runAt(tenant, 'slow', 'oli', 'wait')

        expect:
        call('GET', '/v1/automations/slow/runs', null, tenant.key()).body.items*.id == [oli.id, nia.id]
        call('GET', '/v1/automation-runs?userId=nia', null, tenant.key()).body.items*.id == [nia.id]
        call('GET', '/v1/automation-runs?automation=slow&status=running&limit=1', null, tenant.key()).body.next == oli.id
        call('GET', "/v1/automation-runs?automation=slow&status=running&limit=1&after=${oli.id}", null, tenant.key()).body.items*.id == [nia.id]
        call('GET', '/v1/automation-runs?automation=nope', null, tenant.key()).body.items == []
        call('GET', '/v1/automation-runs?userId=nobody', null, tenant.key()).body.items == []
        def read = call('GET', "/v1/automation-runs/${oli.id}", null, tenant.key()).body
        read.currentStep == 'wait'
        read.temporalUrl == "http://temporal-ui.test/namespaces/default/workflows/${oli.workflowId}"
    }

    def "a paused automation starts no runs, from events or REST"() {
        given:
        userWithPhone(tenant, 'pia')
        publish(tenant, 'cart', example('cart-abandonment'))
        call('POST', '/v1/automations/cart/pause', null, tenant.key())

        when:
        event(tenant, 'pia', 'cart.updated', [items: 1])
        def viaRest = call('POST', '/v1/automations/cart/runs', [userId: 'pia'], tenant.key())

        then:
        runs(tenant, 'cart', 'pia') == []
        viaRest.status == 409
        viaRest.body.code == 'automation_paused'
    }

    def "the same Idempotency-Key sent 8 times at once starts one run and answers it every time"() {
        given:
        tenant.upsertUser('nia')
        int n = 8

        when:
        def responses = concurrently(n) { startSlow('nia', 'slow-nia') }

        then:
        responses*.status.sort() == [200] * (n - 1) + [201]
        responses*.body*.id.unique().size() == 1
        runs(tenant, 'slow', 'nia').size() == 1
    }

    def "one Idempotency-Key for runs of different users, at once: one run, the others 409 idempotency_key_reused"() {
        given:
        def users = (1..6).collect { "user-$it".toString() }
        users.each { tenant.upsertUser(it) }

        when:
        def responses = concurrently(users.size()) { int i -> startSlow(users[i], 'shared') }

        then:
        responses*.status.sort() == [201] + [409] * (users.size() - 1)
        responses.findAll { it.status == 409 }*.body*.code.unique() == ['idempotency_key_reused']
        queryValue("select count(*) from automation_runs where org_id = '${tenant.orgId}'") == '1'
    }

    def "a caller's Idempotency-Key never names a run an event started"() {
        given:
        publish(tenant, 'welcome', [name: 'Welcome', trigger: [event: 'user.signed_up'], steps: [[id: 'wait', type: 'delay', duration: '1d']]])
        tenant.upsertUser('pia')
        tenant.upsertUser('quin')
        def signedUp = event(tenant, 'pia', 'user.signed_up')
        def piasRun = runAt(tenant, 'welcome', 'pia', 'wait')

        when:
        def response = call('POST', '/v1/automations/welcome/runs', [userId: 'quin'], tenant.key() + ['Idempotency-Key': "event:${signedUp.id}".toString()])

        then:
        response.status == 201
        response.body.userId == 'quin'
        response.body.id != piasRun.id
    }

    def startSlow(String userId, String idempotencyKey) {
        call('POST', '/v1/automations/slow/runs', [userId: userId], tenant.key() + ['Idempotency-Key': idempotencyKey])
    }

    /** Sends the requests together (released at once from a latch), answering their responses in order. */
    List concurrently(int n, Closure request) {
        def pool = Executors.newFixedThreadPool(n)
        def go = new CountDownLatch(1)
        try {
            def futures = (0..<n).collect { int i -> pool.submit({ go.await(); request(i) } as Callable) }
            go.countDown()
            futures.collect { it.get(60, TimeUnit.SECONDS) }
        } finally {
            pool.shutdownNow()
        }
    }

    def "starting a run with #description is a #status naming #field"() {
        given:
        tenant.upsertUser('quinn')

        expect:
        def response = call('POST', '/v1/automations/nudge/runs', body, tenant.key())
        response.status == status
        response.contentType == 'application/problem+json'
        field == null || response.body.errors*.field.contains(field)

        where:
        description            | body                                      || status | field
        'no user'              | [payload: [a: 1]]                         || 400    | 'userId'
        'a payload not object' | '{"userId":"quinn","payload":[1]}'        || 400    | 'payload'
        'an unknown user'      | [userId: 'nobody']                        || 404    | null
    }

    def "listing with #query is a 400 naming #field"() {
        expect:
        def response = call('GET', "/v1/automation-runs?$query", null, tenant.key())
        response.status == 400
        response.body.errors*.field == [field]

        where:
        query              || field
        'status=sleeping'  || 'status'
        'after=abc'        || 'after'
        'limit=0'          || 'limit'
    }
}
