package dev.herald.api.web

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

/** Bad input is a 400 problem naming the field, never a 500, and loses nothing stored. */
@MicronautTest(transactional = false)
class BadRequestSpec extends HeraldSpec {

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('alice', [locale: 'en-US', timezone: 'Europe/Berlin', tags: [plan: 'pro']])
        tenant.registerDevice('alice', [provider: 'APNS', token: 'ab' * 32])
    }

    def "#method #path with #description is 400 naming #field"() {
        when:
        def response = call(method, path.replace('{app}', "${tenant.appId}"), body, tenant.key())

        then:
        response.status == 400
        response.contentType == 'application/problem+json'
        response.body.code == 'validation_failed'
        response.body.errors*.field.contains(field)
        response.body.detail.contains(field)

        and: 'what was stored is unchanged'
        call('GET', '/v1/users/alice', null, tenant.key()).body.subMap('locale', 'timezone', 'tags') ==
                [locale: 'en-US', timezone: 'Europe/Berlin', tags: [plan: 'pro']]
        call('GET', '/v1/users/alice/devices', null, tenant.key()).body.items*.token == ['ab' * 32]
        call('GET', '/v1/sends', null, tenant.key()).body.items == []

        where:
        method | path                          | description                  | body                                                             || field
        'POST' | '/v1/sends'                   | 'no target'                  | '{"title":"x"}'                                                  || 'userIds'
        'POST' | '/v1/sends'                   | 'userIds not an array'       | '{"userIds":"alice","title":"x"}'                                || 'userIds'
        'POST' | '/v1/sends'                   | 'too many userIds'           | [userIds: (0..10_000).collect { "u$it".toString() }, title: 'x']            || 'userIds'
        'POST' | '/v1/sends'                   | 'a blank user id'            | [userIds: [''], title: 'x']                                      || 'userIds[0]'
        'POST' | '/v1/sends'                   | 'an alert with no text'      | [userIds: ['alice']]                                             || 'body'
        'POST' | '/v1/sends'                   | 'badge of the wrong type'    | '{"userIds":["alice"],"title":"x","badge":"many"}'               || 'badge'
        'POST' | '/v1/sends'                   | 'a negative badge'           | [userIds: ['alice'], title: 'x', badge: -1]                      || 'badge'
        'POST' | '/v1/sends'                   | 'scheduledFor not a time'    | [userIds: ['alice'], title: 'x', scheduledFor: 'tomorrow']       || 'scheduledFor'
        'POST' | '/v1/sends'                   | 'data not an object'         | '{"userIds":["alice"],"title":"x","data":[1,2]}'                 || 'data'
        'POST' | '/v1/sends'                   | 'an unknown push type'       | [userIds: ['alice'], title: 'x', pushType: 'loud']               || 'pushType'
        'POST' | '/v1/sends'                   | 'an unknown priority'        | [userIds: ['alice'], title: 'x', priority: 'urgent']             || 'priority'
        'POST' | '/v1/sends'                   | 'a collapse id over 64 bytes'| [userIds: ['alice'], title: 'x', collapseId: 'c' * 65]           || 'collapseId'
        'POST' | '/v1/sends'                   | 'an oversize payload'        | [userIds: ['alice'], title: 'x', data: [blob: 'x' * 5000]]       || 'data'
        'POST' | '/v1/sends'                   | 'a body over the limit'      | [userIds: ['alice'], body: 'b' * 4001]                           || 'body'
        'POST' | '/v1/sends'                   | 'a negative ttl'             | [userIds: ['alice'], title: 'x', ttlSeconds: -5]                 || 'ttlSeconds'
        'POST' | '/v1/sends'                   | 'a url without scheme'       | [userIds: ['alice'], title: 'x', url: 'example.com/x']           || 'url'
        'POST' | '/v1/users/alice/devices'     | 'an unknown provider'        | [provider: 'PIGEON', token: 'x']                                 || 'provider'
        'POST' | '/v1/users/alice/devices'     | 'no token'                   | [provider: 'APNS']                                               || 'token'
        'POST' | '/v1/users/alice/devices'     | 'an APNs token not hex'      | [provider: 'APNS', token: 'not-hex']                             || 'token'
        'POST' | '/v1/users/alice/devices'     | 'an FCM token with spaces'   | [provider: 'FCM', token: 'a b c']                                || 'token'
        'POST' | '/v1/users/alice/devices'     | 'a OneSignal id not a uuid'  | [provider: 'ONESIGNAL', token: 'abc']                            || 'token'
        'POST' | '/v1/users/alice/devices'     | 'a Web Push endpoint on http'| [provider: 'WEBPUSH', token: 'http://push.example/x', keys: KEYS] || 'token'
        'POST' | '/v1/users/alice/devices'     | 'Web Push without keys'      | [provider: 'WEBPUSH', token: 'https://push.example/x']           || 'keys.p256dh'
        'POST' | '/v1/users/alice/devices'     | 'keys of the wrong type'     | '{"provider":"WEBPUSH","token":"https://p.example/x","keys":{"auth":{}}}' || 'keys.auth'
        'POST' | '/v1/users/alice/devices'     | 'an unknown time zone'       | [provider: 'APNS', token: 'cd' * 32, timezone: 'Mars/Olympus']   || 'timezone'
        'POST' | '/v1/users/alice/devices'     | 'an appId of no app'         | [provider: 'APNS', token: 'cd' * 32, appId: 'nope', locale: '!!']|| 'locale'
        'PUT'  | '/v1/users/alice'             | 'an unknown time zone'       | [timezone: 'Europe/Atlantis']                                    || 'timezone'
        'PUT'  | '/v1/users/alice'             | 'an unknown country'         | [country: 'XX']                                                  || 'country'
        'PUT'  | '/v1/users/alice'             | 'a bad locale'               | [locale: '12']                                                   || 'locale'
        'PUT'  | '/v1/users/alice'             | 'tags not an object'         | '{"tags":["a"]}'                                                 || 'tags'
        'PUT'  | '/v1/users/alice'             | 'lastSessionAt not a time'   | [lastSessionAt: 'yesterday']                                     || 'lastSessionAt'
        'POST' | '/v1/users/alice/sessions'    | 'a ttl under a minute'       | [ttlSeconds: 5]                                                  || 'ttlSeconds'
        'POST' | '/v1/apps'                    | 'no name'                    | [:]                                                              || 'name'
        'POST' | '/v1/apps'                    | 'a bad default time zone'    | [name: 'web', defaultTimezone: 'Nowhere/Else']                   || 'defaultTimezone'
        'POST' | '/v1/apps'                    | 'a JWKS URL on http'         | [name: 'web', jwksUrl: 'http://idp.example/jwks']                || 'jwksUrl'
        'POST' | '/v1/api-keys'                | 'an unknown scope'           | [name: 'k', scopes: ['root']]                                    || 'scopes'
        'PUT'  | '/v1/apps/{app}/credentials/apns' | 'a bad key id'           | APNS + [keyId: 'short']                                          || 'keyId'
        'PUT'  | '/v1/apps/{app}/credentials/apns' | 'a key that is not a key'| APNS + [privateKey: 'hello']                                     || 'privateKey'
        'PUT'  | '/v1/apps/{app}/credentials/apns' | 'an unknown environment' | APNS + [environment: 'staging']                                  || 'environment'
    }

    def "a body that is not JSON is a 400 malformed_json problem"() {
        expect:
        def response = call('POST', '/v1/sends', '{"userIds": [', tenant.key())
        response.status == 400
        response.body.code == 'malformed_json'
    }

    def "a body that is not an object names the body"() {
        expect:
        def response = call('POST', '/v1/sends', '[1,2]', tenant.key())
        response.status == 400
        response.body.errors == [[field: 'body', message: 'must be a JSON object']]
    }

    def "an unknown route answers a problem too"() {
        expect:
        def response = call('GET', '/v1/nothing-here', null, tenant.key())
        response.status == 404
        response.contentType == 'application/problem+json'
    }

    static final Map KEYS = [p256dh: 'B' + 'A' * 86, auth: 'A' * 22]
    static final Map APNS = [keyId: 'ABCDE12345', teamId: 'TEAM123456', bundleId: 'dev.herald.test', privateKey: 'x']
}
