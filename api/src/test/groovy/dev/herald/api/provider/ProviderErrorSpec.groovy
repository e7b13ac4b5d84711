package dev.herald.api.provider

import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.MockWebPush
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest

import java.time.Duration

import static com.eatthepath.pushy.apns.server.RejectionReason.*

/**
 * What each push service's error answers do, through the real libraries and protocol peers:
 * dead tokens disable their device at once (and say so in an event), retryable answers are
 * retried through the activity's retry policy, everything else fails for good.
 */
@MicronautTest(transactional = false)
class ProviderErrorSpec extends HeraldSpec {

    def "#provider answering #answer: disabled #disabled, requests #attempts, outcome #status #reason"() {
        given: 'a user with the device under test and an iPhone that works'
        def tenant = newTenant()
        tenant.useApns()
        tenant.useFcm()
        tenant.useWebPush()
        tenant.upsertUser('una')
        def device = newDevice(tenant, provider)
        def bystander = apnsToken()
        tenant.registerDevice('una', [provider: 'APNS', token: bystander])
        arm(device.handle)

        when:
        def created = call('POST', '/v1/sends', [userIds: ['una'], title: 'Hello', body: 'there'], tenant.key())
        awaitSend(created.body.id)
        def row = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items.find { it.deviceId == device.id }
        def stored = call('GET', '/v1/users/una/devices', null, tenant.key()).body.items.find { it.id == device.id }

        then: 'the device is disabled exactly when the token is dead, with one event saying so'
        (stored == null || !stored.enabled) == disabled
        invalidationEvents(device.id) == (disabled ? 1 : 0)

        and: 'the service saw one request, or two when the answer was retryable'
        requests(provider, device.handle) == attempts

        and: 'the ledger has the outcome; the working iPhone got its push once'
        row.status == status
        row.reason == reason
        apns.attempts(bystander) == 1

        where:
        provider  | answer                                  | arm                                                                                               || disabled | attempts | status     | reason
        'APNS'    | 'Unregistered (410)'                    | { apns.reject(it, UNREGISTERED) }                                                                 || true     | 1        | 'failed'   | 'apns:Unregistered'
        'APNS'    | 'BadDeviceToken (400)'                  | { apns.reject(it, BAD_DEVICE_TOKEN) }                                                             || true     | 1        | 'failed'   | 'apns:BadDeviceToken'
        'APNS'    | 'PayloadTooLarge (413)'                 | { apns.reject(it, PAYLOAD_TOO_LARGE) }                                                            || false    | 1        | 'failed'   | 'apns:PayloadTooLarge'
        'APNS'    | 'TooManyRequests (429) once'            | { apns.reject(it, TOO_MANY_REQUESTS, 1) }                                                         || false    | 2        | 'accepted' | null
        'APNS'    | 'InternalServerError (500) once'        | { apns.reject(it, INTERNAL_SERVER_ERROR, 1) }                                                     || false    | 2        | 'accepted' | null
        'APNS'    | 'ServiceUnavailable (503) once'         | { apns.reject(it, SERVICE_UNAVAILABLE, 1) }                                                       || false    | 2        | 'accepted' | null
        'FCM'     | 'UNREGISTERED (404)'                    | { fcm.fail(it, 404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.', null, -1) } || true     | 1        | 'failed'   | 'fcm:UNREGISTERED'
        'FCM'     | 'invalid registration token (400)'      | { fcm.fail(it, 400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token', null, -1) } || true | 1 | 'failed' | 'fcm:invalid_registration'
        'FCM'     | 'INVALID_ARGUMENT on the payload (400)' | { fcm.fail(it, 400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'Invalid value at message.android.ttl', null, -1) } || false | 1 | 'failed' | 'fcm:INVALID_ARGUMENT'
        'FCM'     | 'SENDER_ID_MISMATCH (403)'              | { fcm.fail(it, 403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH', 'SenderId mismatch', null, -1) }  || false    | 1        | 'failed'   | 'fcm:SENDER_ID_MISMATCH'
        'FCM'     | 'QUOTA_EXCEEDED (429) once'             | { fcm.fail(it, 429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded', null, 1) }         || false    | 2        | 'accepted' | null
        'FCM'     | 'INTERNAL (500) once'                   | { fcm.fail(it, 500, 'INTERNAL', 'INTERNAL', 'Internal error', null, 1) }                         || false    | 2        | 'accepted' | null
        'FCM'     | 'UNAVAILABLE (503) once'                | { fcm.fail(it, 503, 'UNAVAILABLE', 'UNAVAILABLE', 'Unavailable', null, 1) }                      || false    | 2        | 'accepted' | null
        'WEBPUSH' | '410 Gone'                              | { webPush.answer(it, 410, null, null, -1) }                                                       || true     | 1        | 'failed'   | 'webpush:HTTP 410'
        'WEBPUSH' | '404 Not Found'                         | { webPush.answer(it, 404, null, null, -1) }                                                       || true     | 1        | 'failed'   | 'webpush:HTTP 404'
        'WEBPUSH' | '413 Payload Too Large'                 | { webPush.answer(it, 413, null, null, -1) }                                                       || false    | 1        | 'failed'   | 'webpush:HTTP 413'
        'WEBPUSH' | '429 Too Many Requests once'            | { webPush.answer(it, 429, null, null, 1) }                                                        || false    | 2        | 'accepted' | null
        'WEBPUSH' | '503 Service Unavailable once'          | { webPush.answer(it, 503, null, null, 1) }                                                        || false    | 2        | 'accepted' | null
    }

    /** A fresh tenant using FCM, with the user and one Android device: [tenant, token]. */
    List userWithFcmDevice(String userId) {
        def tenant = newTenant()
        tenant.useFcm()
        tenant.upsertUser(userId)
        def token = fcmToken()
        tenant.registerDevice(userId, [provider: 'FCM', token: token])
        [tenant, token]
    }

    def "an FCM 503 is retried by the Firebase Admin SDK within one delivery attempt"() {
        given:
        def (tenant, token) = userWithFcmDevice('uma')
        fcm.fail(token, 503, 'UNAVAILABLE', 'UNAVAILABLE', 'Unavailable', null, 1)

        when:
        def created = call('POST', '/v1/sends', [userIds: ['uma'], title: 'Again'], tenant.key())
        awaitSend(created.body.id)
        def row = call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items[0]

        then: 'FCM saw two requests, the ledger one attempt that was accepted'
        fcm.attempts(token) == 2
        row.status == 'accepted'
        row.attempts == 1
    }

    def "a Retry-After pause is honoured: nothing is resent before it is over"() {
        given:
        def (tenant, token) = userWithFcmDevice('ria')
        fcm.fail(token, 429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded', '120', 1)

        when: 'the first attempt is refused with Retry-After: 120'
        def created = call('POST', '/v1/sends', [userIds: ['ria'], title: 'Later'], tenant.key())
        waitFor { fcm.attempts(token) == 1 }
        sleep(3000)

        then: 'the device waits, pending'
        fcm.attempts(token) == 1
        call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items*.status == ['pending']

        when: 'two minutes pass'
        skip(Duration.ofSeconds(121))
        awaitSend(created.body.id)

        then:
        fcm.attempts(token) == 2
        call('GET', "/v1/sends/${created.body.id}/deliveries", null, tenant.key()).body.items*.status == ['accepted']
    }

    def "a disabled device gets no later push, and registering its token again brings it back"() {
        given:
        def tenant = newTenant()
        tenant.useApns()
        tenant.upsertUser('dan')
        def token = apnsToken()
        tenant.registerDevice('dan', [provider: 'APNS', token: token])
        apns.reject(token, UNREGISTERED, 1)
        awaitSend(call('POST', '/v1/sends', [userIds: ['dan'], title: 'one'], tenant.key()).body.id)

        when:
        awaitSend(call('POST', '/v1/sends', [userIds: ['dan'], title: 'two'], tenant.key()).body.id)

        then:
        apns.attempts(token) == 1

        when:
        tenant.registerDevice('dan', [provider: 'APNS', token: token])
        awaitSend(call('POST', '/v1/sends', [userIds: ['dan'], title: 'three'], tenant.key()).body.id)

        then:
        apns.attempts(token) == 2
        apns.receivedFor([token]).size() == 1
    }

    private Map newDevice(Tenant tenant, String provider) {
        switch (provider) {
            case 'APNS':
                def token = apnsToken()
                return [id: tenant.registerDevice('una', [provider: 'APNS', token: token]).id, handle: token]
            case 'FCM':
                def token = fcmToken()
                return [id: tenant.registerDevice('una', [provider: 'FCM', token: token]).id, handle: token]
            default:
                MockWebPush.Subscription subscription = webPush.newSubscription()
                return [id: tenant.registerDevice('una', subscription.registration()).id, handle: subscription]
        }
    }

    private int requests(String provider, handle) {
        switch (provider) {
            case 'APNS': return apns.attempts(handle)
            case 'FCM': return fcm.attempts(handle)
            default: return webPush.attempts(handle)
        }
    }

    private static int invalidationEvents(deviceId) {
        queryValue("select count(*) from events where name = 'push.token_invalidated' and properties->>'deviceId' = '$deviceId'") as int
    }

    private static void waitFor(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 20_000
        while (!condition()) {
            assert System.currentTimeMillis() < deadline: 'condition not met in 20 s'
            sleep(50)
        }
    }
}
