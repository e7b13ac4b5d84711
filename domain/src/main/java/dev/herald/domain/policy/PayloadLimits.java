package dev.herald.domain.policy;

import dev.herald.domain.user.DeviceProvider;

import java.util.Optional;

/** Provider payload size limits (S3): checked at the API so an oversize push is never queued. */
public final class PayloadLimits {

    public static final int APNS_BYTES = 4096;
    public static final int APNS_VOIP_BYTES = 5120;
    public static final int FCM_BYTES = 4096;
    /** RFC 8291 leaves 4078 bytes of plaintext in a 4096-byte aes128gcm record. */
    public static final int WEB_PUSH_BYTES = 4078;

    private PayloadLimits() {
    }

    public static int limitFor(DeviceProvider provider) {
        return switch (provider) {
            case APNS, APNS_SANDBOX -> APNS_BYTES;
            case APNS_VOIP -> APNS_VOIP_BYTES;
            case FCM, ONESIGNAL -> FCM_BYTES;
            case WEBPUSH -> WEB_PUSH_BYTES;
        };
    }

    /** Empty when the rendered payload fits, else a message saying by how much it does not. */
    public static Optional<String> check(DeviceProvider provider, int payloadBytes) {
        int limit = limitFor(provider);
        if (payloadBytes <= limit) {
            return Optional.empty();
        }
        return Optional.of("the " + provider + " payload would be " + payloadBytes + " bytes; the limit is " + limit + " bytes");
    }
}
