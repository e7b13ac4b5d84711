package dev.herald.domain.user

import spock.lang.Specification

import static dev.herald.domain.user.DeviceProvider.*

class DeviceTokenRulesSpec extends Specification {

    static final String P256DH = 'B' + 'A' * 86
    static final String AUTH = 'A' * 22
    /** A registration token as Firebase's getToken() returns it: instance id, colon, APA91b… (152 characters). */
    static final String FCM_TOKEN = 'dQw4w9WgXcQ:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx0TvVvCz_Nq9sJ3DeFlHGXXtIUD1ObwS5Nw6Lk8QpQ1y9Cb' +
            'X2wXrJ0Fo-ZmkLhQm3VQa3bE4Rt6YuPz8KdHq2WsJmXc7GvNbT1rA5eOyL'

    def "#provider token '#shortToken' is #verdict"() {
        expect:
        DeviceTokenRules.validate(provider, token, p256dh, auth)*.field == fields

        where:
        provider     | token                                       | p256dh | auth || fields
        APNS         | 'ab' * 32                                   | null   | null || []
        APNS_SANDBOX | 'AB' * 50                                   | null   | null || []
        APNS_VOIP    | 'ab' * 32                                   | null   | null || []
        APNS         | 'ab' * 31                                   | null   | null || ['token']
        APNS         | 'a' * 65                                    | null   | null || ['token']
        APNS         | 'zz' * 32                                   | null   | null || ['token']
        APNS         | ''                                          | null   | null || ['token']
        FCM          | FCM_TOKEN                                   | null   | null || []
        FCM          | 'APA91b' + 'Ab3_-' * 30                     | null   | null || []
        FCM          | 'a' * 100                                   | null   | null || []
        FCM          | 'abc'                                       | null   | null || ['token']
        FCM          | 'fcm-token-1d7e3a6e-9c4b-4d0e-8a65-7c8f7c1d2e3f' | null | null || ['token']
        FCM          | 'a' * 99                                    | null   | null || ['token']
        FCM          | FCM_TOKEN.replace('_', '.')                 | null   | null || ['token']
        FCM          | FCM_TOKEN.replace('_', ' ')                 | null   | null || ['token']
        FCM          | FCM_TOKEN + '='                             | null   | null || ['token']
        FCM          | 'x' * 4097                                  | null   | null || ['token']
        ONESIGNAL    | '1d7e3a6e-9c4b-4d0e-8a65-7c8f7c1d2e3f'      | null   | null || []
        ONESIGNAL    | 'not-a-uuid'                                | null   | null || ['token']
        WEBPUSH      | 'https://push.example.com/abc'              | P256DH | AUTH || []
        WEBPUSH      | 'http://push.example.com/abc'               | P256DH | AUTH || ['token']
        WEBPUSH      | 'not a url'                                 | P256DH | AUTH || ['token']
        WEBPUSH      | 'https://push.example.com/abc'              | null   | AUTH || ['keys.p256dh']
        WEBPUSH      | 'https://push.example.com/abc'              | 'AAAA' | AUTH || ['keys.p256dh']
        WEBPUSH      | 'https://push.example.com/abc'              | P256DH | 'A'  || ['keys.auth']
        WEBPUSH      | 'https://push.example.com/abc'              | '!!!'  | null || ['keys.p256dh', 'keys.auth']

        shortToken = token.size() > 20 ? token.take(20) + '…' : token
        verdict = fields ? "refused on $fields" : 'accepted'
    }
}
