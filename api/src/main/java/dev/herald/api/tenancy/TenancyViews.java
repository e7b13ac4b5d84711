package dev.herald.api.tenancy;

import dev.herald.domain.credential.StoredCredential;
import dev.herald.domain.tenancy.ApiKey;
import dev.herald.domain.tenancy.App;
import dev.herald.domain.tenancy.Org;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the tenancy endpoints; secrets appear only in the *Created views. */
public final class TenancyViews {

    private TenancyViews() {
    }

    @Serdeable
    public record OrgView(UUID id, String name, Instant createdAt) {
        static OrgView of(Org org) {
            return new OrgView(org.id(), org.name(), org.createdAt());
        }
    }

    @Serdeable
    public record ApiKeyView(UUID id, String name, List<String> scopes, Instant createdAt, @Nullable Instant revokedAt) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.name(),
                    key.scopeSet().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList(), key.createdAt(), key.revokedAt());
        }
    }

    /** A new key: {@code key} is shown this once and cannot be read again. */
    @Serdeable
    public record ApiKeyCreated(UUID id, String name, List<String> scopes, Instant createdAt, String key) {
        static ApiKeyCreated of(ApiKey k, String plaintext) {
            ApiKeyView v = ApiKeyView.of(k);
            return new ApiKeyCreated(v.id(), v.name(), v.scopes(), v.createdAt(), plaintext);
        }
    }

    @Serdeable
    public record OrgCreated(OrgView org, ApiKeyCreated adminKey) {
    }

    @Serdeable
    public record AppView(UUID id, String name, String defaultTimezone, @Nullable String jwksUrl, Instant createdAt) {
        static AppView of(App app) {
            return new AppView(app.id(), app.name(), app.defaultTimezone(), app.jwksUrl(), app.createdAt());
        }
    }

    /** A new app: {@code jwtSecret} (HS256 key for session tokens, as UTF-8 bytes) is shown this once. */
    @Serdeable
    public record AppCreated(UUID id, String name, String defaultTimezone, @Nullable String jwksUrl, Instant createdAt, String jwtSecret) {
        static AppCreated of(App app, String secret) {
            return new AppCreated(app.id(), app.name(), app.defaultTimezone(), app.jwksUrl(), app.createdAt(), secret);
        }
    }

    @Serdeable
    public record CredentialView(String kind, Map<String, String> settings, String fingerprint, Instant createdAt, Instant updatedAt) {
        static CredentialView of(StoredCredential c) {
            return new CredentialView(c.kind().name().toLowerCase(Locale.ROOT), c.settings(), c.fingerprint(), c.createdAt(), c.updatedAt());
        }
    }

    /** What a browser passes as {@code applicationServerKey}: base64url of the uncompressed P-256 point. */
    @Serdeable
    public record VapidPublicKey(String publicKey) {
    }

    /**
     * An app's new VAPID key pair: its public key, its contact if set, and whether the app's Web
     * Push devices are now pushed for real (they are once there is a contact, the app's or the
     * operator's {@code HERALD_WEBPUSH_SUBJECT}).
     */
    @Serdeable
    public record VapidKeysCreated(String publicKey, @Nullable String subject, boolean pushesForReal) {
    }
}
