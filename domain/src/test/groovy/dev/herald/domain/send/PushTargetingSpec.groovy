package dev.herald.domain.send

import dev.herald.domain.user.DeviceProvider
import spock.lang.Specification

import java.time.Instant

import static dev.herald.domain.user.DeviceProvider.*

class PushTargetingSpec extends Specification {

    static final Instant NOW = Instant.parse('2026-11-23T12:00:00Z')

    def "a #pushType push expiring #expiresAt to a #provider device: #verdict"() {
        given:
        def content = PushContent.builder().title('t').pushType(pushType).expiresAt(expiresAt).build()

        expect:
        PushTargeting.refusal(content, provider, NOW) == Optional.ofNullable(refusal)

        where:
        pushType            | provider     | expiresAt                   || refusal
        PushType.ALERT      | APNS         | null                        || null
        PushType.ALERT      | APNS_SANDBOX | null                        || null
        PushType.ALERT      | FCM          | null                        || null
        PushType.ALERT      | WEBPUSH      | null                        || null
        PushType.ALERT      | ONESIGNAL    | null                        || null
        PushType.BACKGROUND | APNS         | null                        || null
        PushType.CRITICAL   | APNS         | null                        || null
        PushType.ALERT      | APNS_VOIP    | null                        || 'voip_token'
        PushType.BACKGROUND | APNS_VOIP    | null                        || 'voip_token'
        PushType.CRITICAL   | APNS_VOIP    | null                        || 'voip_token'
        PushType.VOIP       | APNS_VOIP    | null                        || null
        PushType.VOIP       | APNS         | null                        || 'not_a_voip_token'
        PushType.VOIP       | FCM          | null                        || 'not_a_voip_token'
        PushType.VOIP       | WEBPUSH      | null                        || 'not_a_voip_token'
        PushType.ALERT      | APNS         | NOW.plusSeconds(1)          || null
        PushType.ALERT      | APNS         | NOW                         || 'expired'
        PushType.VOIP       | APNS_VOIP    | NOW.minusSeconds(1)         || 'expired'

        verdict = refusal ?: 'sent'
    }
}
