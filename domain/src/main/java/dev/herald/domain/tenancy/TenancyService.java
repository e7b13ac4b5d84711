package dev.herald.domain.tenancy;

import dev.herald.domain.NotFoundException;
import dev.herald.domain.crypto.SecretBox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Orgs, apps and API keys (S1). Secrets are returned once, at creation, and never stored in the clear. */
@Singleton
public class TenancyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrgRepository orgs;
    private final AppRepository apps;
    private final ApiKeyRepository apiKeys;
    private final SecretBox secretBox;

    public TenancyService(OrgRepository orgs, AppRepository apps, ApiKeyRepository apiKeys, SecretBox secretBox) {
        this.orgs = orgs;
        this.apps = apps;
        this.apiKeys = apiKeys;
        this.secretBox = secretBox;
    }

    /** A created API key with its one-time plaintext value. */
    public record IssuedKey(ApiKey key, String plaintext) {
    }

    /** A created app with its one-time plaintext session-signing secret. */
    public record CreatedApp(App app, String jwtSecret) {
    }

    public record CreatedOrg(Org org, IssuedKey adminKey) {
    }

    @Transactional
    public CreatedOrg createOrg(String name, Set<Scope> firstKeyScopes, String presetKey) {
        Org org = orgs.save(new Org(UUID.randomUUID(), name, Instant.now()));
        IssuedKey key = presetKey == null
                ? issueKey(org.id(), "admin", firstKeyScopes)
                : storeKey(org.id(), "bootstrap", firstKeyScopes, presetKey);
        return new CreatedOrg(org, key);
    }

    public boolean anyOrg() {
        return orgs.count() > 0;
    }

    public IssuedKey issueKey(UUID orgId, String name, Set<Scope> scopes) {
        UUID id = UUID.randomUUID();
        return storeKey(orgId, name, scopes, ApiKeySecrets.format(id, ApiKeySecrets.newSecret()));
    }

    private IssuedKey storeKey(UUID orgId, String name, Set<Scope> scopes, String plaintext) {
        var parsed = ApiKeySecrets.parse(plaintext)
                .orElseThrow(() -> new IllegalArgumentException("an API key reads hk_<32 hex>_<43 base64url characters>"));
        ApiKey key = apiKeys.save(new ApiKey(parsed.keyId(), orgId, name, ApiKeySecrets.hash(parsed.secret()),
                ApiKey.joinScopes(scopes), Instant.now(), null));
        return new IssuedKey(key, plaintext);
    }

    /** The live key a presented value belongs to, if any. */
    public Optional<ApiKey> authenticate(String presented) {
        return ApiKeySecrets.parse(presented)
                .flatMap(p -> apiKeys.findById(p.keyId())
                        .filter(k -> k.revokedAt() == null && ApiKeySecrets.matches(p.secret(), k.secretHash())));
    }

    public List<ApiKey> listKeys(UUID orgId) {
        return apiKeys.findByOrgIdOrderByCreatedAt(orgId);
    }

    public ApiKey revokeKey(UUID orgId, UUID keyId) {
        ApiKey key = apiKeys.findByIdAndOrgId(keyId, orgId).orElseThrow(() -> new NotFoundException("API key " + keyId));
        if (key.revokedAt() == null) {
            apiKeys.updateRevokedAt(keyId, Instant.now());
        }
        return apiKeys.findById(keyId).orElseThrow();
    }

    @Transactional
    public CreatedApp createApp(UUID orgId, String name, String defaultTimezone, String jwksUrl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        App app = apps.save(new App(UUID.randomUUID(), orgId, name, secretBox.seal(encoded), jwksUrl,
                defaultTimezone == null ? "UTC" : defaultTimezone, Instant.now()));
        return new CreatedApp(app, encoded);
    }

    public boolean appNameTaken(UUID orgId, String name) {
        return apps.existsByOrgIdAndName(orgId, name);
    }

    public App app(UUID orgId, UUID appId) {
        return apps.findByIdAndOrgId(appId, orgId).orElseThrow(() -> new NotFoundException("App " + appId));
    }

    public Optional<App> findApp(UUID appId) {
        return apps.findById(appId);
    }

    public List<App> apps(UUID orgId) {
        return apps.findByOrgIdOrderByCreatedAt(orgId);
    }

    /** The HS256 secret that signs and verifies the app's session tokens. */
    public byte[] sessionSecret(App app) {
        return secretBox.openString(app.jwtSecretSealed()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
