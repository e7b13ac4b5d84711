package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import dev.herald.domain.send.LocalTimeDelivery
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration
import java.time.Instant
import java.time.LocalTime
import java.time.ZoneId

/** Steering a send through the API: pause, resume, progress, and local-time delivery. */
@MicronautTest(transactional = false)
class BroadcastControlSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.control')
    }

    Instant testNow() {
        Instant.ofEpochMilli(temporal.currentTimeMillis())
    }

    def "a send whose run Temporal no longer has (a restart of the embedded service) answers its progress from the ledger"() {
        given: 'a send that went out to 2 of ana\'s devices and was suppressed for a third'
        tenant.upsertUser('ana')
        def tokens = (1..3).collect { apnsToken() }
        tokens.each { tenant.registerDevice('ana', [provider: 'APNS', token: it]) }
        def sent = call('POST', '/v1/sends', [userIds: ['ana'], title: 'Hi'], tenant.key()).body.id
        awaitSend(sent)
        execute("update deliveries set status = 'SUPPRESSED', reason = 'frequency_cap' where send_id = '$sent' and device_id = " +
                "(select device_id from deliveries where send_id = '$sent' order by device_id limit 1)")

        and: 'PostgreSQL holds it as still running, under an id Temporal never saw: what the embedded service leaves after a restart'
        def orphan = UUID.randomUUID().toString()
        execute("""insert into sends select (jsonb_populate_record(null::sends, to_jsonb(s) || jsonb_build_object(
                     'id', '$orphan', 'status', 'RUNNING', 'finished_at', null))).* from sends s where id = '$sent'""")
        execute("""insert into deliveries select (jsonb_populate_record(null::deliveries, to_jsonb(d) || jsonb_build_object(
                     'send_id', '$orphan'))).* from deliveries d where send_id = '$sent'""")

        expect: 'the finished send and the orphan both answer from the ledger'
        call('GET', "/v1/sends/$sent/progress", null, tenant.key()).body == [status: 'completed', targeted: 3, processed: 3, sent: 2,
                                                                             failed: 0, suppressed: 1, deferred: 0, source: 'ledger']
        call('GET', "/v1/sends/$orphan/progress", null, tenant.key()).body == [status: 'running', targeted: 3, processed: 3, sent: 2,
                                                                               failed: 0, suppressed: 1, deferred: 0, source: 'ledger']
    }

    private static void execute(String sql) {
        def db = dev.herald.api.support.TestDatabase.get()
        java.sql.DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            c.createStatement().withCloseable { it.executeUpdate(sql) }
        }
    }

    def "a paused send delivers nothing until resumed; its status and progress say so"() {
        given:
        def tokens = (1..3).collect { apnsToken() }
        tenant.upsertUser('ana')
        tokens.each { tenant.registerDevice('ana', [provider: 'APNS', token: it]) }
        def sendId = call('POST', '/v1/sends', [userIds: ['ana'], title: 'Later', scheduledFor: testNow().plus(Duration.ofHours(1)).toString()],
                tenant.key()).body.id

        when: 'paused before its time, and its time comes'
        def paused = call('POST', "/v1/sends/$sendId/pause", null, tenant.key())
        skip(Duration.ofHours(2))
        waitUntil { api('GET', "/v1/sends/$sendId", null, tenant.key()).body.status == 'paused' }

        then:
        paused.status == 200
        paused.body.status == 'paused'
        call('GET', "/v1/sends/$sendId/progress", null, tenant.key()).body == [status: 'paused', targeted: 3, processed: 0, sent: 0,
                                                                               failed: 0, suppressed: 0, deferred: 0, source: 'workflow']
        apns.receivedFor(tokens).isEmpty()

        and: 'pausing again is a conflict'
        call('POST', "/v1/sends/$sendId/pause", null, tenant.key()).status == 409

        when:
        def resumed = call('POST', "/v1/sends/$sendId/resume", null, tenant.key())
        awaitSend(sendId)

        then:
        resumed.status == 200
        resumed.body.status == 'running'
        apns.receivedFor(tokens)*.token().sort() == tokens.sort()
        call('GET', "/v1/sends/$sendId/progress", null, tenant.key()).body == [status: 'completed', targeted: 3, processed: 3, sent: 3,
                                                                               failed: 0, suppressed: 0, deferred: 0, source: 'ledger']

        and: 'a finished send can be neither paused nor resumed'
        call('POST', "/v1/sends/$sendId/pause", null, tenant.key()).body.code == 'send_finished'
        call('POST', "/v1/sends/$sendId/resume", null, tenant.key()).status == 409
    }

    def "resuming a send that is not paused is a conflict"() {
        given:
        tenant.upsertUser('ben')
        def sendId = call('POST', '/v1/sends', [userIds: ['ben'], title: 'Later', scheduledFor: testNow().plus(Duration.ofHours(1)).toString()],
                tenant.key()).body.id

        expect:
        with(call('POST', "/v1/sends/$sendId/resume", null, tenant.key())) {
            status == 409
            it.body.code == 'send_not_paused'
        }
    }

    def "deliverAtLocalTime reaches each recipient at 09:00 in their own time zone, held in the ledger as deferred until then"() {
        given: 'a device in Berlin, one in New York (from its user), and one with no zone (the app default, UTC)'
        def berlin = apnsToken()
        def newYork = apnsToken()
        def utc = apnsToken()
        tenant.upsertUser('klaus', [timezone: 'America/New_York'])
        tenant.registerDevice('klaus', [provider: 'APNS', token: berlin, timezone: 'Europe/Berlin'])
        tenant.upsertUser('nora', [timezone: 'America/New_York'])
        tenant.registerDevice('nora', [provider: 'APNS', token: newYork])
        tenant.upsertUser('uma')
        tenant.registerDevice('uma', [provider: 'APNS', token: utc])
        def start = testNow()
        def due = [(berlin) : LocalTimeDelivery.next(LocalTime.of(9, 0), ZoneId.of('Europe/Berlin'), start),
                   (newYork): LocalTimeDelivery.next(LocalTime.of(9, 0), ZoneId.of('America/New_York'), start),
                   (utc)    : LocalTimeDelivery.next(LocalTime.of(9, 0), ZoneId.of('UTC'), start)]

        when:
        def sendId = call('POST', '/v1/sends', [userIds: ['klaus', 'nora', 'uma'], title: 'Good morning', deliverAtLocalTime: '09:00'],
                tenant.key()).body.id
        waitUntil { api('GET', "/v1/sends/$sendId/progress", null, tenant.key()).body.deferred == 3 }

        then: 'every device waits in the ledger'
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items.every { it.status == 'deferred' && it.reason == 'local_time' }
        apns.receivedFor(due.keySet()).isEmpty()

        when: 'time passes one due instant after another'
        def order = due.keySet().sort { due[it] }
        def seen = []
        order.each { token ->
            skip(Duration.between(testNow(), due[token]).plusMinutes(1))
            waitUntil { apns.receivedFor([token]).size() == 1 }
            seen << apns.receivedFor(due.keySet())*.token().toSet()
        }
        awaitSend(sendId)

        then: 'each arrived at its own 09:00, not before'
        seen == [order.take(1).toSet(), order.take(2).toSet(), order.toSet()].collect { it }
        call('GET', "/v1/sends/$sendId", null, tenant.key()).body.deliveries.accepted == 3
    }

    /** {@link #call} under another name, for closures (where {@code call} means the closure itself). */
    private Response api(String method, String path, Object body = null, Map<String, String> headers = [:]) {
        call(method, path, body, headers)
    }

    private static void waitUntil(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 30_000
        while (!condition()) {
            assert System.currentTimeMillis() < deadline: 'timed out waiting'
            Thread.sleep(50)
        }
    }
}
