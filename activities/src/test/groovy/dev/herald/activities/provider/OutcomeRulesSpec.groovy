package dev.herald.activities.provider

import spock.lang.Specification

import java.time.Duration
import java.time.Instant

import static dev.herald.activities.provider.ProviderOutcome.Result.ACCEPTED
import static dev.herald.activities.provider.ProviderOutcome.Result.FAILED
import static dev.herald.activities.provider.ProviderOutcome.Result.RETRY

class OutcomeRulesSpec extends Specification {

    def "APNs #status #reason is #result, token dead #dead, labelled #label"() {
        when:
        def outcome = OutcomeRules.apnsRejected(status, reason)

        then:
        outcome.result() == result
        outcome.tokenInvalid() == dead
        outcome.reason() == label
        outcome.providerStatus() == status

        where:
        status | reason                 || result | dead  | label
        410    | 'Unregistered'         || FAILED | true  | 'apns:Unregistered'
        410    | null                   || FAILED | true  | 'apns:HTTP 410'
        400    | 'BadDeviceToken'       || FAILED | true  | 'apns:BadDeviceToken'
        400    | 'ExpiredToken'         || FAILED | true  | 'apns:ExpiredToken'
        400    | 'DeviceTokenNotForTopic' || FAILED | false | 'apns:DeviceTokenNotForTopic'
        403    | 'InvalidProviderToken' || FAILED | false | 'apns:InvalidProviderToken'
        413    | 'PayloadTooLarge'      || FAILED | false | 'apns:PayloadTooLarge'
        429    | 'TooManyRequests'      || RETRY  | false | 'apns:TooManyRequests'
        500    | 'InternalServerError'  || RETRY  | false | 'apns:InternalServerError'
        503    | 'ServiceUnavailable'   || RETRY  | false | 'apns:ServiceUnavailable'
    }

    def "FCM #status #code is #result, token dead #dead, labelled #label"() {
        when:
        def outcome = OutcomeRules.fcmRejected(status, code, message, Duration.ofSeconds(7))

        then:
        outcome.result() == result
        outcome.tokenInvalid() == dead
        outcome.reason() == label
        outcome.retryAfter() == (result == RETRY ? Duration.ofSeconds(7) : null)

        where:
        status | code               | message                                       || result | dead  | label
        404    | 'UNREGISTERED'     | 'Requested entity was not found.'             || FAILED | true  | 'fcm:UNREGISTERED'
        400    | 'INVALID_ARGUMENT' | 'The registration token is not a valid FCM registration token' || FAILED | true | 'fcm:invalid_registration'
        400    | 'INVALID_ARGUMENT' | 'Invalid JSON payload received.'               || FAILED | false | 'fcm:INVALID_ARGUMENT'
        403    | 'SENDER_ID_MISMATCH' | 'SenderId mismatch'                         || FAILED | false | 'fcm:SENDER_ID_MISMATCH'
        429    | 'QUOTA_EXCEEDED'   | 'Quota exceeded'                              || RETRY  | false | 'fcm:QUOTA_EXCEEDED'
        503    | 'UNAVAILABLE'      | 'Unavailable'                                 || RETRY  | false | 'fcm:UNAVAILABLE'
        500    | 'INTERNAL'         | 'Internal error'                              || RETRY  | false | 'fcm:INTERNAL'
        502    | null               | null                                          || RETRY  | false | 'fcm:HTTP 502'
        null   | null               | null                                          || RETRY  | false | 'fcm:no_response'
    }

    def "Web Push #status is #result, subscription gone #dead"() {
        when:
        def outcome = OutcomeRules.webPush(status, null, 'm-1')

        then:
        outcome.result() == result
        outcome.tokenInvalid() == dead
        outcome.reason() == label

        where:
        status || result   | dead  | label
        201    || ACCEPTED | false | null
        404    || FAILED   | true  | 'webpush:HTTP 404'
        410    || FAILED   | true  | 'webpush:HTTP 410'
        413    || FAILED   | false | 'webpush:HTTP 413'
        301    || FAILED   | false | 'webpush:redirect_refused'
        429    || RETRY    | false | 'webpush:HTTP 429'
        503    || RETRY    | false | 'webpush:HTTP 503'
    }

    def "OneSignal #status (subscription invalid #invalid) is #result"() {
        when:
        def outcome = OutcomeRules.oneSignal(status, invalid, 'n-1', null)

        then:
        outcome.result() == result
        outcome.tokenInvalid() == dead
        outcome.reason() == label

        where:
        status | invalid || result   | dead  | label
        200    | false   || ACCEPTED | false | null
        200    | true    || FAILED   | true  | 'onesignal:invalid_subscription'
        400    | false   || FAILED   | false | 'onesignal:HTTP 400'
        429    | false   || RETRY    | false | 'onesignal:HTTP 429'
        500    | false   || RETRY    | false | 'onesignal:HTTP 500'
    }

    def "Retry-After '#header' waits #expected"() {
        given:
        def now = Instant.parse('2026-12-04T10:00:00Z')

        expect:
        OutcomeRules.retryAfter(header, now) == expected

        where:
        header                          || expected
        null                            || null
        ''                              || null
        '120'                           || Duration.ofSeconds(120)
        'Fri, 04 Dec 2026 10:05:00 GMT' || Duration.ofMinutes(5)
        'Fri, 04 Dec 2026 09:00:00 GMT' || Duration.ZERO
        '86400'                         || Duration.ofHours(1)
        'soon'                          || null
    }

    def "no answer at all is retried, named after the failure under the future's wrappers"() {
        when:
        def outcome = OutcomeRules.unreachable('apns', new java.util.concurrent.CompletionException(new java.net.ConnectException('refused')))

        then:
        outcome.result() == RETRY
        outcome.reason() == 'apns:ConnectException'
    }
}
