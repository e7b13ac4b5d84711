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

    /** An existing VAPID key pair to use instead of the one Herald generates (base64url, as web-push tools print them). */
    @Serdeable
    public record PutWebPushCredential(@NotBlank @Size(max = 1000) String publicKey,
                                       @NotBlank @Size(max = 1000) String privateKey,
                                       @Nullable @Pattern(regexp = "(mailto:|https://).+", message = "is a mailto: or https: contact") String subject) {
    }

    /** A OneSignal app to forward to: its app id and REST API key. */
    @Serdeable
    public record PutOneSignalCredential(@NotBlank @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                                                  message = "is the OneSignal app id (a UUID)") String appId,
                                         @NotBlank @Size(max = 500) String restApiKey) {
    }
}
