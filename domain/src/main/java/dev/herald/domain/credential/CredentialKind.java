package dev.herald.domain.credential;

import dev.herald.domain.user.DeviceProvider;

import java.util.Locale;
import java.util.Optional;

/** The provider credentials an app can hold, one of each (S1); each serves one push service. */
public enum CredentialKind {
    APNS,
    FCM,
    WEBPUSH,
    ONESIGNAL;

    public static CredentialKind forFamily(DeviceProvider.Family family) {
        return switch (family) {
            case APNS -> APNS;
            case FCM -> FCM;
            case WEBPUSH -> WEBPUSH;
            case ONESIGNAL -> ONESIGNAL;
        };
    }

    /** The kind named in a URL path ({@code apns}, {@code fcm}, {@code webpush}, {@code onesignal}). */
    public static Optional<CredentialKind> parse(String name) {
        for (CredentialKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
