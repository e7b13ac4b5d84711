package dev.herald.domain.policy

import dev.herald.domain.user.DeviceProvider
import spock.lang.Specification

import static dev.herald.domain.user.DeviceProvider.*

class PayloadLimitsSpec extends Specification {

    def "a #bytes-byte #provider payload is #verdict"() {
        expect:
        PayloadLimits.check(provider, bytes).isPresent() == tooLarge

        where:
        provider     | bytes || tooLarge
        APNS         | 4096  || false
        APNS         | 4097  || true
        APNS_SANDBOX | 4097  || true
        APNS_VOIP    | 5120  || false
        APNS_VOIP    | 5121  || true
        FCM          | 4096  || false
        FCM          | 4097  || true
        WEBPUSH      | 4078  || false
        WEBPUSH      | 4079  || true

        verdict = tooLarge ? 'refused' : 'accepted'
    }

    def "the refusal says by how much"() {
        expect:
        PayloadLimits.check(DeviceProvider.APNS, 5000).get() == 'the APNS payload would be 5000 bytes; the limit is 4096 bytes'
    }
}
