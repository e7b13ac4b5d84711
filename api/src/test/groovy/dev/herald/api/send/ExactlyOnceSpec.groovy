package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.TestDatabase
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.sql.DriverManager
import java.time.Duration
import java.util.concurrent.CountDownLatch

/**
 * Exactly-once per device through failures, against PostgreSQL and APNs over TLS: a broadcast
 * of 1,200 devices goes out in pages of 500, and the page in flight is hit by a lost answer.
 * Every device must get the push; only devices of the page in
 * flight may get it a second time (with the same apns-id and collapse id, so the device
 * shows one notification); the ledger ends with one accepted row per device.
 */
@MicronautTest(transactional = false)
class ExactlyOnceSpec extends HeraldSpec {

    static final int DEVICES = 1200

    CountDownLatch hold

    def cleanup() {
        hold?.countDown()
    }

    def "an answer lost after APNs accepted the push: the retried page sends only what the ledger has no outcome for"() {
        given: 'an org with 1,200 APNs devices, and APNs holding back its answer for a device on the second page'
        def tenant = broadcastTenant()
        def tokens = tokensInIdOrder(tenant)
        def inFlightPage = tokens[500..<1000]
        hold = apns.hold(tokens[700])

        when: 'the broadcast reaches that device'
        def sendId = call('POST', '/v1/sends', [audience: [filter: [all: []]], title: 'Flash sale'], tenant.key()).body.id
        waitFor { apns.arrived(tokens[700]) }
        def midway = call('GET', "/v1/sends/$sendId/progress", null, tenant.key())

        then: 'the progress query shows the first page done and the broadcast running'
        midway.status == 200
        midway.body.status == 'running'
        midway.body.targeted == DEVICES
        midway.body.sent >= 500

        when: 'the activity times out waiting (its heartbeats stop counting), is retried, and then the answers come'
        skip(Duration.ofSeconds(45))
        Thread.sleep(2_000)
        hold.countDown()
        awaitSend(sendId)

        then:
        everyDeviceOnceExceptThePageInFlight(tokens, inFlightPage)
        ledgerIsComplete(sendId)
    }

    private Tenant broadcastTenant() {
        def tenant = newTenant()
        tenant.useApns('com.example.flash')
        seedDevices(tenant, DEVICES)
        tenant
    }

    private void everyDeviceOnceExceptThePageInFlight(List<String> tokens, List<String> inFlightPage) {
        def received = apns.receivedFor(tokens)
        def byToken = received.groupBy { it.token() }
        assert byToken.keySet() == tokens as Set
        def twice = byToken.findAll { token, pushes -> pushes.size() > 1 }
        assert twice.values().every { it.size() == 2 }
        assert (twice.keySet() - (inFlightPage as Set)).isEmpty()
        // a duplicate is the same request again: same apns-id, same collapse id
        assert twice.values().every { pushes -> pushes*.header('apns-id').unique().size() == 1 && pushes*.header('apns-collapse-id').unique().size() == 1 }
    }

    private void ledgerIsComplete(String sendId) {
        assert queryValue("select count(*) from deliveries where send_id = '$sendId'") == "$DEVICES"
        assert queryValue("select count(*) from deliveries where send_id = '$sendId' and status = 'ACCEPTED'") == "$DEVICES"
        assert queryValue("select status from sends where id = '$sendId'") == 'COMPLETED'
    }

    private static void waitFor(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 30_000
        while (!condition()) {
            assert System.currentTimeMillis() < deadline: 'timed out waiting'
            Thread.sleep(20)
        }
    }

    /** Users with one iOS device each, written straight to PostgreSQL: registering 1,200 over HTTP would only slow the spec. */
    static void seedDevices(Tenant tenant, int count) {
        sql("""
            insert into users (id, org_id, external_id, tags, created_at, updated_at)
            select gen_random_uuid(), '${tenant.orgId}', 'user-' || g, '{}', now(), now() from generate_series(1, $count) g;
            insert into devices (id, org_id, app_id, user_id, provider, token, platform, enabled, created_at, updated_at)
            select gen_random_uuid(), u.org_id, '${tenant.appId}', u.id, 'APNS', encode(sha256((u.id::text)::bytea), 'hex'), 'ios', true, now(), now()
            from users u where u.org_id = '${tenant.orgId}';
            """)
    }

    static List<String> tokensInIdOrder(Tenant tenant) {
        def db = TestDatabase.get()
        DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            c.createStatement().withCloseable { s ->
                def rs = s.executeQuery("select token from devices where org_id = '${tenant.orgId}' order by id")
                def tokens = []
                while (rs.next()) {
                    tokens << rs.getString(1)
                }
                tokens
            }
        }
    }

    static void sql(String statements) {
        def db = TestDatabase.get()
        DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            c.createStatement().withCloseable { it.execute(statements) }
        }
    }
}
