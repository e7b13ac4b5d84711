package dev.herald.domain.credential;

import dev.herald.domain.user.DeviceProvider;

/** The provider credentials an app can hold, one of each (S1). */
public enum CredentialKind {
    APNS;

    public static CredentialKind forFamily(DeviceProvider.Family family) {
        return switch (family) {
            case APNS -> APNS;
            default -> null;
        };
    }
}
