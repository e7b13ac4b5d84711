package dev.herald.api.tenancy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** Request bodies of the tenancy endpoints. */
public final class TenancyRequests {

    private TenancyRequests() {
    }

    @Serdeable
    public record CreateOrg(@NotBlank @Size(max = 200) String name) {
    }

    @Serdeable
    public record CreateApp(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, dot, dash and underscore") String name,
                            @Nullable String defaultTimezone,
                            @Nullable @Size(max = 2048) String jwksUrl) {
    }

    @Serdeable
    public record CreateApiKey(@NotBlank @Size(max = 200) String name, @Nullable List<String> scopes) {
    }

    /**
     * An APNs credential: token auth (the .p8 signing key from Apple's developer portal, with
     * its key id and team id) or certificate auth (the .p12 push certificate, base64, and its
     * password). Which fields go together is checked by {@link CredentialService}.
     */
    @Serdeable
    public record PutApnsCredential(@Nullable @Pattern(regexp = "[A-Z0-9]{10}", message = "is the 10-character key id") String keyId,
                                    @Nullable @Pattern(regexp = "[A-Z0-9]{10}", message = "is the 10-character team id") String teamId,
                                    @Nullable @Size(min = 1, max = 200) String bundleId,
                                    @Nullable @Pattern(regexp = "production|sandbox", message = "is production or sandbox") String environment,
                                    @Nullable @Size(min = 1, max = 10_000) String privateKey,
                                    @Nullable @Size(min = 1, max = 100_000) String certificate,
                                    @Nullable @Size(max = 1_000) String certificatePassword) {
    }

    /** An FCM credential: the JSON key file of a Firebase service account, as an object. */
    @Serdeable
    public record PutFcmCredential(@NotNull Map<String, Object> serviceAccount) {
    }

    /**
     * The app's Web Push credential: an existing VAPID key pair to import (base64url, as web-push
     * tools print them), and/or the VAPID contact its pushes are signed with. With no key pair the
     * app's own is kept and only the contact is set. Which fields go together is checked by
     * {@link CredentialService}.
     */
    @Serdeable
    public record PutWebPushCredential(@Nullable @Size(min = 1, max = 1000) String publicKey,
                                       @Nullable @Size(min = 1, max = 1000) String privateKey,
                                       @Nullable @Pattern(regexp = VAPID_SUBJECT, message = VAPID_SUBJECT_MESSAGE) String subject) {
    }

    static final String VAPID_SUBJECT = "(mailto:|https://).+";
    static final String VAPID_SUBJECT_MESSAGE = "is a mailto: or https: contact";

    /** A VAPID key pair for Herald to generate, optionally with the contact its pushes are signed with. */
    @Serdeable
    public record CreateVapidKeys(@Nullable @Pattern(regexp = VAPID_SUBJECT, message = VAPID_SUBJECT_MESSAGE) String subject) {
    }

    /** A OneSignal app to forward to: its app id and REST API key. */
    @Serdeable
    public record PutOneSignalCredential(@NotBlank @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                                                  message = "is the OneSignal app id (a UUID)") String appId,
                                         @NotBlank @Size(max = 500) String restApiKey) {
    }
}
