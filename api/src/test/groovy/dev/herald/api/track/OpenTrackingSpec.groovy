package dev.herald.api.track

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class OpenTrackingSpec extends HeraldSpec {

    Tenant tenant
    String sendId
    String deviceId

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice')
        tenant.upsertUser('bob')
        deviceId = tenant.registerDevice('alice', [provider: 'APNS', token: apnsToken()]).id
        sendId = call('POST', '/v1/sends', [userIds: ['alice'], title: 'Hi', body: 'There'], tenant.key()).body.id
        awaitSend(sendId)
    }

    def "an open and then a click stamp the ledger once each and record push.opened and push.clicked"() {
        when:
        def opened = call('POST', '/v1/track/open', [sendId: sendId, deviceId: deviceId], tenant.bearer(tenant.session('alice')))
        def again = call('POST', '/v1/track/open', [sendId: sendId, deviceId: deviceId], tenant.key())
        def clicked = call('POST', '/v1/track/open', [sendId: sendId, deviceId: deviceId, actionId: 'reply'], tenant.key())

        then:
        [opened, again, clicked]*.status == [200, 200, 200]
        clicked.body == [sendId: sendId, deviceId: deviceId, opened: true, clicked: true]
        queryValue("select opened_at is not null and clicked_at is not null and clicked_action = 'reply' from deliveries where send_id = '$sendId'") == 't'
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and name = 'push.opened'") == '1'
        queryValue("select properties ->> 'actionId' from events where org_id = '${tenant.orgId}' and name = 'push.clicked'") == 'reply'
    }

    def "the send's deliveries show when the push was opened and clicked, and which action"() {
        given:
        def before = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items[0]

        when:
        call('POST', '/v1/track/open', [sendId: sendId, deviceId: deviceId], tenant.key())
        def afterOpen = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items[0]
        call('POST', '/v1/track/open', [sendId: sendId, deviceId: deviceId, actionId: 'reply'], tenant.key())
        def afterClick = call('GET', "/v1/sends/$sendId/deliveries", null, tenant.key()).body.items[0]

        then:
        before.status == 'accepted'
        !before.containsKey('openedAt') && !before.containsKey('clickedAt') && !before.containsKey('actionId')
        afterOpen.openedAt != null
        !afterOpen.containsKey('clickedAt')
        afterClick.openedAt == afterOpen.openedAt
        java.time.Instant.parse(afterClick.clickedAt) >= java.time.Instant.parse(afterOpen.openedAt)
        afterClick.actionId == 'reply'
    }

    def "an open of a push that never reached the device is a 409 and stamps and records nothing"() {
        given: 'an hourly cap of 1: the second push to alice is suppressed'
        assert call('PATCH', "/v1/apps/${tenant.appId}/settings", [freqCapPerUserPerHour: 1], tenant.key()).status == 200
        def capped = call('POST', '/v1/sends', [userIds: ['alice'], title: 'Again'], tenant.key()).body.id
        awaitSend(capped)
        assert call('GET', "/v1/sends/$capped/deliveries", null, tenant.key()).body.items*.status == ['suppressed']
        // the app has no credentials: its pushes go to the capture provider, and so would this one have
        assert call('GET', "/v1/sends/$capped/deliveries", null, tenant.key()).body.items*.channel == ['capture']

        when:
        def response = call('POST', '/v1/track/open', [sendId: capped, deviceId: deviceId, actionId: 'reply'], tenant.key())

        then:
        response.status == 409
        response.contentType == 'application/problem+json'
        response.body.code == 'not_delivered'
        response.body.detail.contains('was not delivered (suppressed)')
        queryValue("select opened_at is null and clicked_at is null from deliveries where send_id = '$capped'") == 't'
        queryValue("select count(*) from events where org_id = '${tenant.orgId}' and name in ('push.opened', 'push.clicked')") == '0'
    }

    def "#caller reporting an open answers #status"() {
        given:
        def other = newTenant()
        def headers = [
                'none'          : [:],
                'api key'       : tenant.key(),
                'own session'   : tenant.bearer(tenant.session('alice')),
                'bob session'   : tenant.bearer(tenant.session('bob')),
                'other org key' : other.key()][caller]

        expect:
        def response = call('POST', '/v1/track/open', [sendId: sendId, deviceId: deviceId], headers)
        response.status == status
        queryValue("select opened_at is not null from deliveries where send_id = '$sendId'") == (status == 200 ? 't' : 'f')

        where:
        caller          || status
        'none'          || 401
        'api key'       || 200
        'own session'   || 200
        'bob session'   || 403
        'other org key' || 404
    }

    def "#description is a 400 naming #field"() {
        expect:
        def response = call('POST', '/v1/track/open', body, tenant.key())
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field.contains(field)

        where:
        description         | body                                                  || field
        'no send id'        | [deviceId: UUID.randomUUID().toString()]              || 'sendId'
        'a malformed id'    | '{"sendId":"nope","deviceId":"' + UUID.randomUUID() + '"}' || 'sendId'
        'a long action id'  | [sendId: UUID.randomUUID().toString(), deviceId: UUID.randomUUID().toString(), actionId: 'a' * 65] || 'actionId'
    }
}
