package dev.herald.api.abtest

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.TestDatabase
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.sql.DriverManager

@MicronautTest(transactional = false)
class AbTestApiSpec extends HeraldSpec {

    Tenant tenant

    static final Map TEST = [
            name    : 'spring sale copy',
            variants: [[key: 'control', weight: 50, title: 'Spring sale', body: '20% off'],
                       [key: 'urgent', weight: 50, title: 'Last hours!', body: '20% off ends tonight',
                        localized: [es: [title: '¡Últimas horas!']]]]]

    def setup() {
        tenant = newTenant()
    }

    def "an A/B test is created, read, listed, replaced and deleted"() {
        when:
        def created = call('POST', '/v1/ab-tests', TEST, tenant.key())

        then:
        created.status == 201
        created.body.metric == 'opened'
        created.body.variants*.key == ['control', 'urgent']
        created.body.variants*.weight == [50, 50]
        created.body.variants[1].localized == [es: [title: '¡Últimas horas!']]
        created.body.winner == null

        when:
        def id = created.body.id
        def replaced = call('PUT', "/v1/ab-tests/$id", TEST + [name: 'renamed', metric: 'clicked',
                variants: [[key: 'control', weight: 30, body: 'A'], [key: 'urgent', weight: 70, body: 'B']]], tenant.key())

        then: 'before any send, the split may change'
        replaced.status == 200
        replaced.body.name == 'renamed'
        replaced.body.metric == 'clicked'
        replaced.body.variants*.weight == [30, 70]
        call('GET', "/v1/ab-tests/$id", null, tenant.key()).body == replaced.body
        call('GET', '/v1/ab-tests', null, tenant.key()).body.items*.id == [id]

        when:
        def deleted = call('DELETE', "/v1/ab-tests/$id", null, tenant.key())

        then:
        deleted.status == 204
        call('GET', "/v1/ab-tests/$id", null, tenant.key()).status == 404
    }

    def "a variant may use a template of the org"() {
        given:
        def template = call('POST', '/v1/templates', [name: 'b', body: 'From a template'], tenant.key()).body.id

        when:
        def created = call('POST', '/v1/ab-tests', [name: 't', variants: [[key: 'a', weight: 50, body: 'inline'],
                                                                         [key: 'b', weight: 50, templateId: template]]], tenant.key())

        then:
        created.status == 201
        created.body.variants[1].templateId == template
        created.body.variants[1].body == null
    }

    def "a winner declared by hand is recorded; an unknown variant is a 400"() {
        given:
        def id = call('POST', '/v1/ab-tests', TEST, tenant.key()).body.id

        when:
        def declared = call('POST', "/v1/ab-tests/$id/winner", [variant: 'urgent'], tenant.key())

        then:
        declared.status == 200
        declared.body.winner == 'urgent'
        declared.body.winnerSource == 'manual'
        declared.body.winnerDeclaredAt != null

        expect:
        call('POST', "/v1/ab-tests/$id/winner", [variant: 'nope'], tenant.key()).body.errors*.field == ['variant']
        call('GET', "/v1/ab-tests/$id", null, tenant.key()).body.winner == 'urgent'
    }

    def "results count users per variant from the ledger and carry the z-test readout"() {
        given: 'a test that has sent: control to 1,000 users (100 opened), urgent to 1,000 (130 opened)'
        def id = call('POST', '/v1/ab-tests', TEST, tenant.key()).body.id
        ledger(UUID.fromString(id), 'control', 1000, 100, 20)
        ledger(UUID.fromString(id), 'urgent', 1000, 130, 45)

        when:
        def results = call('GET', "/v1/ab-tests/$id/results", null, tenant.key())

        then:
        results.status == 200
        results.body.metric == 'opened'
        results.body.confidence == 0.95
        results.body.control == 'control'
        results.body.leader == 'urgent'
        results.body.significantWinner == 'urgent'
        results.body.winner == null
        with(results.body.variants[0]) {
            key == 'control'
            sent == 1000
            opened == 100
            clicked == 20
            openRate == 0.1
            clickRate == 0.02
            lift == null
            pValue == null
            significant == false
        }
        with(results.body.variants[1]) {
            key == 'urgent'
            sent == 1000
            opened == 130
            clicked == 45
            Math.abs(lift - 0.3) < 1e-9
            Math.abs(zScore - 2.102741) < 1e-5
            Math.abs(pValue - 0.035488) < 1e-5
            significant == true
        }

        when: 'the split cannot change once the test has sent, the copy can'
        def resplit = call('PUT', "/v1/ab-tests/$id", TEST + [variants: [[key: 'control', weight: 20, body: 'A'], [key: 'urgent', weight: 80, body: 'B']]], tenant.key())
        def recopied = call('PUT', "/v1/ab-tests/$id", TEST + [variants: [[key: 'control', weight: 50, body: 'A2'], [key: 'urgent', weight: 50, body: 'B2']]], tenant.key())

        then:
        resplit.status == 409
        resplit.body.code == 'ab_test_started'
        recopied.status == 200
        recopied.body.variants*.body == ['A2', 'B2']
    }

    def "a test that has not sent reads all zeros"() {
        given:
        def id = call('POST', '/v1/ab-tests', TEST, tenant.key()).body.id

        expect:
        with(call('GET', "/v1/ab-tests/$id/results", null, tenant.key()).body) {
            variants*.sent == [0, 0]
            significantWinner == null
        }
    }

    def "#description is a 400 naming #field and stores nothing"() {
        when:
        def response = call('POST', '/v1/ab-tests', body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)
        call('GET', '/v1/ab-tests', null, tenant.key()).body.items == []

        where:
        description                | body                                                                                                   || field
        'weights summing to 90'    | [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 40, body: 'B']]]          || 'variants'
        'weights summing to 110'   | [name: 't', variants: [[key: 'a', weight: 60, body: 'A'], [key: 'b', weight: 50, body: 'B']]]          || 'variants'
        'a single variant'         | [name: 't', variants: [[key: 'a', weight: 100, body: 'A']]]                                            || 'variants'
        'no variants'              | [name: 't']                                                                                            || 'variants'
        'no name'                  | [variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, body: 'B']]]                     || 'name'
        'a missing weight'         | [name: 't', variants: [[key: 'a', body: 'A'], [key: 'b', weight: 100, body: 'B']]]                     || 'variants[0].weight'
        'a duplicate key'          | [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'a', weight: 50, body: 'B']]]          || 'variants[1].key'
        'no text nor template'     | [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50]]]                     || 'variants[1]'
        'an unknown template'      | [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, templateId: UUID.randomUUID().toString()]]] || 'variants[1].templateId'
        'a malformed template id'  | [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, templateId: 'x']]]    || 'variants[1].templateId'
        'a bad placeholder'        | [name: 't', variants: [[key: 'a', weight: 50, body: 'A {{'], [key: 'b', weight: 50, body: 'B']]]       || 'variants[0].body'
        'an unknown metric'        | [name: 't', metric: 'revenue', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, body: 'B']]] || 'metric'
        'a weight as text'         | '{"name":"t","variants":[{"key":"a","weight":"half","body":"A"},{"key":"b","weight":50,"body":"B"}]}'  || 'variants[0].weight'
        'a bad auto-promotion'     | [name: 't', variants: [[key: 'a', weight: 50, body: 'A'], [key: 'b', weight: 50, body: 'B']],
                                      autoPromote: [samplePercent: 0, minSamplePerVariant: 10, minWaitMinutes: 60, maxWaitMinutes: 30]]     || 'autoPromote.samplePercent'
    }

    def "opens stamped on rows that were not accepted do not count: the readout answers instead of a 500"() {
        given: 'each variant has opens on failed and suppressed rows too (as opens reported before they were refused left them)'
        def id = call('POST', '/v1/ab-tests', TEST, tenant.key()).body.id
        ledger(UUID.fromString(id), 'control', 10, 2, 1)
        ledger(UUID.fromString(id), 'control', 30, 30, 30, 'FAILED')
        ledger(UUID.fromString(id), 'urgent', 10, 6, 0)
        ledger(UUID.fromString(id), 'urgent', 30, 30, 0, 'SUPPRESSED')

        when:
        def results = call('GET', "/v1/ab-tests/$id/results", null, tenant.key())

        then: 'the counts are those of accepted rows only, so the z-test can run'
        results.status == 200
        results.body.variants*.sent == [10, 10]
        results.body.variants*.opened == [2, 6]
        results.body.variants*.clicked == [1, 0]
        results.body.variants[1].pValue != null
        results.body.notEnoughData == null
        results.body.leader == 'urgent'
    }

    def "a variant nobody got yet reads as not enough data, without a comparison"() {
        given:
        def id = call('POST', '/v1/ab-tests', TEST, tenant.key()).body.id
        ledger(UUID.fromString(id), 'control', 10, 2, 0)
        ledger(UUID.fromString(id), 'urgent', 5, 5, 0, 'FAILED')

        expect:
        with(call('GET', "/v1/ab-tests/$id/results", null, tenant.key())) {
            status == 200
            body.variants*.sent == [10, 0]
            body.variants*.opened == [2, 0]
            body.variants[1].pValue == null
            body.significantWinner == null
            body.notEnoughData == 'not enough data: variant urgent has reached no user yet'
        }
    }

    /** Ledger rows as a send under the test leaves them: one device per user in {@code status}, some opened, some clicked. */
    private void ledger(UUID testId, String variant, int users, int opened, int clicked, String status = 'ACCEPTED') {
        def db = TestDatabase.get()
        DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            def sendId = UUID.randomUUID()
            c.prepareStatement("insert into sends (id, org_id, status, content, targeted_users, created_at) values (?, ?, 'COMPLETED', '{}', ?, now())").with {
                setObject(1, sendId)
                setObject(2, tenant.orgId)
                setInt(3, users)
                executeUpdate()
            }
            c.prepareStatement("""
                insert into deliveries (send_id, device_id, org_id, app_id, user_id, provider, channel, status, attempts,
                                        created_at, sent_at, updated_at, ab_test_id, variant, opened_at, clicked_at)
                select ?, gen_random_uuid(), ?, ?, gen_random_uuid(), 'APNS', 'apns', ?, 1, now(), now(), now(), ?, ?,
                       case when n <= ? then now() end, case when n <= ? then now() end
                from generate_series(1, ?) n
                """).with {
                setObject(1, sendId)
                setObject(2, tenant.orgId)
                setObject(3, tenant.appId)
                setString(4, status)
                setObject(5, testId)
                setString(6, variant)
                setInt(7, opened)
                setInt(8, clicked)
                setInt(9, users)
                executeUpdate()
            }
        }
    }
}
