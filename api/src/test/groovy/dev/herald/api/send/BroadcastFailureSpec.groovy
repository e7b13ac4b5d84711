package dev.herald.api.send

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.TestDatabase
import dev.herald.api.support.Tenant

import java.sql.DriverManager
import java.util.concurrent.CountDownLatch

/**
 * What the exactly-once specs share: a broadcast of 1,200 APNs devices (pages of 500, so the
 * second page, devices 500 to 999 in id order, is the one a failure hits), and the checks that
 * every device got the push, only the page in flight may have got it twice, and the ledger is
 * complete.
 */
abstract class BroadcastFailureSpec extends HeraldSpec {

    static final int DEVICES = 1200

    /** Opened when the spec lets APNs answer the stalled push (at the latest in cleanup). */
    CountDownLatch hold

    def cleanup() {
        hold?.countDown()
    }

    /** A broadcast under way, its second page in flight and stalled at APNs on one device. */
    static class StalledBroadcast {
        String sendId
        /** the org's API key headers */
        Map<String, String> key
        /** every device's token, in the order the broadcast pages through them */
        List<String> tokens
        /** the device whose push APNs holds */
        String stalled
        List<String> inFlightPage
    }

    /**
     * Broadcasts to a fresh org's 1,200 APNs devices with APNs holding back its answer for a
     * device of the second page; returns once that push has reached APNs.
     */
    StalledBroadcast broadcastStalledOnSecondPage() {
        def tenant = newTenant()
        tenant.useApns('com.example.flash')
        seedDevices(tenant, DEVICES)
        def tokens = tokensInIdOrder(tenant)
        hold = apns.hold(tokens[700])
        def sendId = call('POST', '/v1/sends', [audience: [filter: [all: []]], title: 'Flash sale'], tenant.key()).body.id
        waitFor { apns.arrived(tokens[700]) }
        new StalledBroadcast(sendId: sendId, key: tenant.key(), tokens: tokens, stalled: tokens[700], inFlightPage: tokens[500..<1000])
    }

    static void everyDeviceOnceExceptThePageInFlight(StalledBroadcast broadcast) {
        def received = apns.receivedFor(broadcast.tokens)
        def byToken = received.groupBy { it.token() }
        assert byToken.keySet() == broadcast.tokens as Set
        def twice = byToken.findAll { token, pushes -> pushes.size() > 1 }
        assert twice.values().every { it.size() == 2 }
        assert (twice.keySet() - (broadcast.inFlightPage as Set)).isEmpty()
        // a duplicate is the same request again: same apns-id, same collapse id
        assert twice.values().every { pushes -> pushes*.header('apns-id').unique().size() == 1 && pushes*.header('apns-collapse-id').unique().size() == 1 }
    }

    static void ledgerIsComplete(String sendId) {
        assert queryValue("select count(*) from deliveries where send_id = '$sendId'") == "$DEVICES"
        assert queryValue("select count(*) from deliveries where send_id = '$sendId' and status = 'ACCEPTED'") == "$DEVICES"
        assert queryValue("select status from sends where id = '$sendId'") == 'COMPLETED'
    }

    static void waitFor(Closure<Boolean> condition) {
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
