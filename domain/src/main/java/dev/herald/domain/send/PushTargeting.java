package dev.herald.domain.send;

import dev.herald.domain.user.DeviceProvider;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a push may go to a device at all, before any policy: PushKit (VoIP) tokens take
 * VoIP pushes only, and VoIP pushes go to nothing else (iOS ends an app that gets a VoIP push
 * without reporting a call); a push past its {@code expiresAt} is no longer worth sending.
 */
public final class PushTargeting {

    public static final String EXPIRED = "expired";
    /** A VoIP push for a device that is not a PushKit token. */
    public static final String NOT_A_VOIP_TOKEN = "not_a_voip_token";
    /** A push other than VoIP for a PushKit token. */
    public static final String VOIP_TOKEN = "voip_token";

    private PushTargeting() {
    }

    /** Empty when the push may go to the device, else why not (a ledger reason). */
    public static Optional<String> refusal(PushContent content, DeviceProvider provider, Instant now) {
        if (content.expired(now)) {
            return Optional.of(EXPIRED);
        }
        boolean voipPush = content.effectivePushType() == PushType.VOIP;
        boolean voipToken = provider == DeviceProvider.APNS_VOIP;
        if (voipPush && !voipToken) {
            return Optional.of(NOT_A_VOIP_TOKEN);
        }
        if (!voipPush && voipToken) {
            return Optional.of(VOIP_TOKEN);
        }
        return Optional.empty();
    }
}
