package dev.herald.domain.liveactivity;

import dev.herald.domain.user.DeviceProvider;

import java.util.Optional;

/**
 * Where a live activity runs: an iOS Live Activity (ActivityKit, pushed through APNs) or an
 * Android Live Update (an ongoing notification the app draws from FCM data messages).
 */
public enum LiveActivityPlatform {
    IOS,
    ANDROID;

    /** The platform a device's push service implies; Web Push and OneSignal devices have none. */
    public static Optional<LiveActivityPlatform> of(DeviceProvider provider) {
        return switch (provider) {
            case APNS, APNS_SANDBOX -> Optional.of(IOS);
            case FCM -> Optional.of(ANDROID);
            default -> Optional.empty();
        };
    }
}
