package dev.herald.api.policy

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/**
 * Frequency caps in the send path, counted from real ledger rows over rolling windows: an
 * hourly cap of 1 and a daily cap of 2 against each user's earlier pushes from the app.
 */
@MicronautTest(transactional = false)
class FrequencyCapDeliverySpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.useApns('com.example.caps')
        assert call('PATCH', "/v1/apps/${tenant.appId}/settings", [freqCapPerUserPerHour: 1, freqCapPerUserPerDay: 2], tenant.key()).status == 200
    }

    def "#user with earlier pushes #history is #expected"() {
        given:
        tenant.upsertUser(user)
        tenant.registerDevice(user, [provider: 'APNS', token: apnsToken()])
        history.each { LedgerRows.earlierSend(tenant, user, it.minutesAgo as int, it.status ?: 'ACCEPTED', it.transactional ?: false) }

        when:
        def sendId = call('POST', '/v1/sends', [userIds: [user], title: 'Deal of the day'], tenant.key()).body.id
        awaitSend(sendId)
        def row = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items[0]

        then:
        row.status == expected
        row.reason == reason

        where:
        user               | history                                                                  || expected     | reason
        'fresh'            | []                                                                       || 'accepted'   | null
        'hour-full'        | [[minutesAgo: 30]]                                                       || 'suppressed' | 'frequency_cap'
        'hour-passed'      | [[minutesAgo: 61]]                                                       || 'accepted'   | null
        'day-full'         | [[minutesAgo: 180], [minutesAgo: 600]]                                   || 'suppressed' | 'frequency_cap'
        'day-rolled-over'  | [[minutesAgo: 120], [minutesAgo: 1500]]                                  || 'accepted'   | null
        'only-suppressed'  | [[minutesAgo: 10, status: 'SUPPRESSED'], [minutesAgo: 20, status: 'SUPPRESSED']] || 'accepted' | null
        'only-failed'      | [[minutesAgo: 10, status: 'FAILED']]                                     || 'accepted'   | null
        'transactional'    | [[minutesAgo: 10, transactional: true], [minutesAgo: 20, transactional: true]] || 'accepted' | null
    }

    def "sends through the API count: the second push within the hour is capped, a transactional one is not"() {
        given:
        tenant.upsertUser('reader')
        def token = apnsToken()
        tenant.registerDevice('reader', [provider: 'APNS', token: token])
        tenant.registerDevice('reader', [provider: 'APNS', token: apnsToken()])

        when:
        def first = call('POST', '/v1/sends', [userIds: ['reader'], title: 'First'], tenant.key()).body.id
        awaitSend(first)
        def second = call('POST', '/v1/sends', [userIds: ['reader'], title: 'Second'], tenant.key()).body.id
        awaitSend(second)
        def receipt = call('POST', '/v1/sends', [userIds: ['reader'], title: 'Receipt', transactional: true], tenant.key()).body.id
        awaitSend(receipt)

        then: 'the first reached both devices (one send, counted once)'
        call('GET', "/v1/sends/$first", null, tenant.key()).body.deliveries.accepted == 2

        and: 'the second is over the hourly cap on both devices'
        call('GET', "/v1/sends/$second/deliveries", null, tenant.key()).body.items*.reason == ['frequency_cap', 'frequency_cap']
        call('GET', "/v1/sends/$second", null, tenant.key()).body.deliveries.suppressed == 2

        and: 'the transactional receipt bypasses the cap'
        call('GET', "/v1/sends/$receipt", null, tenant.key()).body.deliveries.accepted == 2
        apns.receivedFor([token]).size() == 2
    }

    def "caps are per app: pushes from another app do not count"() {
        given:
        def other = tenancy.createApp(tenant.orgId, 'android', 'UTC', null).app()
        tenant.upsertUser('multi')
        tenant.registerDevice('multi', [provider: 'APNS', token: apnsToken(), appId: tenant.appId.toString()])
        LedgerRows.earlierSend(tenant, 'multi', 5)
        // move that earlier push to the other app
        queryValue("update deliveries set app_id = '${other.id()}' where user_id = (select id from users where external_id = 'multi' and org_id = '${tenant.orgId}') returning 1")

        when:
        def sendId = call('POST', '/v1/sends', [userIds: ['multi'], title: 'Hi'], tenant.key()).body.id
        awaitSend(sendId)

        then:
        call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items*.status == ['accepted']
    }
}
