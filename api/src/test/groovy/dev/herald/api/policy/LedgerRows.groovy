package dev.herald.api.policy

import dev.herald.api.support.TestDatabase
import dev.herald.api.support.Tenant

import java.sql.DriverManager

/** Earlier pushes written straight into the ledger, as earlier sends would have left them. */
class LedgerRows {

    /** A completed send with one row per device of the user, in {@code status}, sent {@code minutesAgo}. */
    static UUID earlierSend(Tenant tenant, String externalUserId, int minutesAgo, String status = 'ACCEPTED', boolean transactional = false) {
        def db = TestDatabase.get()
        def sendId = UUID.randomUUID()
        DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            c.prepareStatement("insert into sends (id, org_id, status, content, targeted_users, created_at) values (?, ?, 'COMPLETED', '{}', 1, now())").with {
                setObject(1, sendId)
                setObject(2, tenant.orgId)
                executeUpdate()
            }
            c.prepareStatement("insert into send_policies (send_id, transactional, message) values (?, ?, '{}')").with {
                setObject(1, sendId)
                setBoolean(2, transactional)
                executeUpdate()
            }
            c.prepareStatement("""
                insert into deliveries (send_id, device_id, org_id, app_id, user_id, provider, channel, status, attempts, created_at, sent_at, updated_at)
                select ?, d.id, d.org_id, d.app_id, d.user_id, d.provider, 'apns', ?, 1, now(), now() - make_interval(mins => ?), now()
                from devices d join users u on u.id = d.user_id where u.org_id = ? and u.external_id = ?
                """).with {
                setObject(1, sendId)
                setString(2, status)
                setInt(3, minutesAgo)
                setObject(4, tenant.orgId)
                setString(5, externalUserId)
                executeUpdate()
            }
        }
        sendId
    }
}
