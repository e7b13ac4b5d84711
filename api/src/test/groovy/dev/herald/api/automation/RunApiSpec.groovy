package dev.herald.api.automation

import dev.herald.api.support.Tenant
import dev.herald.domain.automation.AbBucket
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

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
