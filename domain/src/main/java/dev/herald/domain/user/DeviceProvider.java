package dev.herald.domain.user;

/** Where a device token came from, and so which push service delivers to it (S2, S4). */
public enum DeviceProvider {
    APNS(Family.APNS),
    APNS_SANDBOX(Family.APNS),
    APNS_VOIP(Family.APNS),
    FCM(Family.FCM),
    WEBPUSH(Family.WEBPUSH),
    ONESIGNAL(Family.ONESIGNAL);

    /** The push service behind a provider; credentials are kept per family. */
    public enum Family { APNS, FCM, WEBPUSH, ONESIGNAL }

    private final Family family;

    DeviceProvider(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }
}
