package dev.herald.api.user

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.AuthTokens
import io.micronaut.test.extensions.spock.annotation.MicronautTest

@MicronautTest(transactional = false)
class UserDeviceSpec extends HeraldSpec {

    def "upsert creates, then merges: omitted fields stay, tags merge, an empty tag is removed"() {
        given:
        def tenant = newTenant()

        when:
        def created = call('PUT', '/v1/users/u1', [locale: 'es-MX', timezone: 'America/Mexico_City', country: 'MX', tags: [plan: 'pro', beta: 'yes']], tenant.key())
        def updated = call('PUT', '/v1/users/u1', [timezone: 'Europe/Madrid', tags: [beta: '', city: 'Madrid']], tenant.key())

        then:
        created.status == 201
        updated.status == 200
        updated.body.subMap('id', 'locale', 'timezone', 'country', 'tags') ==
                [id: 'u1', locale: 'es-MX', timezone: 'Europe/Madrid', country: 'MX', tags: [plan: 'pro', city: 'Madrid']]
    }

    def "registering a #provider device stores it and reports it"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('u2')

        when:
        def response = call('POST', '/v1/users/u2/devices', [provider: provider, token: token, keys: keys, platform: 'p', locale: 'de-DE', timezone: 'Europe/Berlin', appVersion: '1.2.3'], tenant.key())

        then:
        response.status == 201
        response.body.subMap('provider', 'token', 'userId', 'enabled', 'platform', 'locale', 'timezone', 'appVersion') ==
                [provider: provider, token: token, userId: 'u2', enabled: true, platform: 'p', locale: 'de-DE', timezone: 'Europe/Berlin', appVersion: '1.2.3']
        response.body.appId == tenant.appId.toString()

        where:
        provider       | token                                              | keys
        'APNS'         | 'ab' * 32                                          | null
        'APNS_SANDBOX' | 'cd' * 40                                          | null
        'APNS_VOIP'    | 'ef' * 32                                          | null
        'FCM'          | fcmToken()                                         | null
        'WEBPUSH'      | 'https://fcm.googleapis.com/fcm/send/abc'          | [p256dh: 'B' + 'A' * 86, auth: 'A' * 22]
        'ONESIGNAL'    | '1d7e3a6e-9c4b-4d0e-8a65-7c8f7c1d2e3f'             | null
    }

    def "an FCM token #what is refused at registration naming token, and nothing is stored"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('u3')

        when:
        def response = call('POST', '/v1/users/u3/devices', [provider: 'FCM', token: token], tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.errors*.field == ['token']
        response.body.errors[0].message.contains('FCM registration token')
        call('GET', '/v1/users/u3/devices', null, tenant.key()).body.items == []

        where:
        what                                   | token
        "like 'abc'"                           | 'abc'
        'made of a prefix and a UUID'          | 'fcm-token-' + UUID.randomUUID()
        'with a character Firebase never uses' | fcmToken().replace(':', '.')
    }

    def "registering a known token is idempotent and moves it to the registering user of the same app"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('anon')
        tenant.upsertUser('kate')
        def token = apnsToken()

        when:
        def first = call('POST', '/v1/users/anon/devices', [provider: 'APNS', token: token], tenant.key())
        def again = call('POST', '/v1/users/anon/devices', [provider: 'APNS', token: token, appVersion: '2.0'], tenant.key())
        def moved = call('POST', '/v1/users/kate/devices', [provider: 'APNS', token: token], tenant.key())

        then:
        first.status == 201
        again.status == 200
        again.body.id == first.body.id
        again.body.appVersion == '2.0'
        moved.status == 200
        moved.body.id == first.body.id
        moved.body.userId == 'kate'

        and: 'one token, one user'
        call('GET', '/v1/users/anon/devices', null, tenant.key()).body.items == []
        call('GET', '/v1/users/kate/devices', null, tenant.key()).body.items*.token == [token]
    }

    def "a client registers its own device with its session; the user is created if the server has not yet"() {
        given:
        def tenant = newTenant()
        def token = apnsToken()
        def jwt = AuthTokens.customerSigned(tenant, 'newcomer')

        when:
        def response = call('POST', '/v1/users/me/devices', [provider: 'APNS', token: token], tenant.bearer(jwt))

        then:
        response.status == 201
        response.body.userId == 'newcomer'
        call('GET', '/v1/users/newcomer', null, tenant.key()).status == 200
    }

    def "a server must say which app a device is for once the org has several"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('u3')
        def web = call('POST', '/v1/apps', [name: 'web'], tenant.key()).body

        expect:
        call('POST', '/v1/users/u3/devices', [provider: 'APNS', token: apnsToken()], tenant.key()).body.errors*.field == ['appId']
        call('POST', '/v1/users/u3/devices', [provider: 'APNS', token: apnsToken(), appId: web.id], tenant.key()).body.appId == web.id
    }

    def "a server naming an app that is not a UUID gets a 400 on appId, another org's app a 404, and nothing is stored"() {
        given:
        def tenant = newTenant()
        def other = newTenant()
        tenant.upsertUser('u5')

        when:
        def malformed = call('POST', '/v1/users/u5/devices', [provider: 'APNS', token: apnsToken(), appId: 'web'], tenant.key())
        def foreign = call('POST', '/v1/users/u5/devices', [provider: 'APNS', token: apnsToken(), appId: other.appId], tenant.key())

        then:
        malformed.status == 400
        malformed.contentType.startsWith('application/problem+json')
        malformed.body.errors*.field == ['appId']
        foreign.status == 404
        call('GET', '/v1/users/u5/devices', null, tenant.key()).body.items == []
    }

    def "registering a token the provider had retired enables it again"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('u6')
        def token = apnsToken()
        def device = tenant.registerDevice('u6', [provider: 'APNS', token: token])
        queryValue("update devices set enabled = false, disabled_at = now(), disabled_reason = 'apns:Unregistered' where id = '$device.id' returning id")

        when:
        def again = call('POST', '/v1/users/u6/devices', [provider: 'APNS', token: token], tenant.key())

        then:
        again.status == 200
        again.body.id == device.id
        again.body.enabled
        again.body.disabledReason == null
    }

    def "one token registered in two apps of an org is two devices"() {
        given:
        def tenant = newTenant()
        def second = call('POST', '/v1/apps', [name: 'second'], tenant.key()).body
        tenant.upsertUser('u7')
        def token = apnsToken()

        when:
        def inFirst = call('POST', '/v1/users/u7/devices', [provider: 'APNS', token: token, appId: tenant.appId], tenant.key())
        def inSecond = call('POST', '/v1/users/u7/devices', [provider: 'APNS', token: token, appId: second.id], tenant.key())

        then:
        inFirst.status == 201
        inSecond.status == 201
        inFirst.body.id != inSecond.body.id
        call('GET', '/v1/users/u7/devices', null, tenant.key()).body.items*.appId.toSet() == [tenant.appId as String, second.id].toSet()
    }

    def "unregistering removes the token; an unknown token is 404"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('u4')
        def token = apnsToken()
        tenant.registerDevice('u4', [provider: 'APNS', token: token])

        expect:
        call('DELETE', "/v1/users/u4/devices?token=$token", null, tenant.key()).status == 204
        call('GET', '/v1/users/u4/devices', null, tenant.key()).body.items == []
        call('DELETE', "/v1/users/u4/devices?token=$token", null, tenant.key()).status == 404
    }

    def "deleting a user removes their devices"() {
        given:
        def tenant = newTenant()
        tenant.upsertUser('u5')
        tenant.registerDevice('u5', [provider: 'APNS', token: apnsToken()])

        expect:
        call('DELETE', '/v1/users/u5', null, tenant.key()).status == 204
        call('GET', '/v1/users/u5', null, tenant.key()).status == 404
        call('GET', '/v1/users/u5/devices', null, tenant.key()).status == 404
    }
}
