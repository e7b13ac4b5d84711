package dev.herald.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.herald.domain.tenancy.App;
import dev.herald.domain.tenancy.TenancyService;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * End-user session tokens (S1): JWTs whose {@code app} claim names the app, {@code sub} the
 * user's external id. Herald mints them signed HS256 with the app's secret; the customer's
 * server may sign them with the same secret, or with a key published at the app's JWKS URL.
 */
@Singleton
public class SessionTokens {

    public static final String APP_CLAIM = "app";
    public static final String ORG_CLAIM = "org";
    private static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final TenancyService tenancy;
    private final JwksKeys jwks;

    public SessionTokens(TenancyService tenancy, JwksKeys jwks) {
        this.tenancy = tenancy;
        this.jwks = jwks;
    }

    public record Minted(String token, Instant expiresAt) {
    }

    public Minted mint(App app, String userId, Duration ttl) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("herald")
                .subject(userId)
                .claim(APP_CLAIM, app.id().toString())
                .claim(ORG_CLAIM, app.orgId().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(tenancy.sessionSecret(app)));
            return new Minted(jwt.serialize(), expiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }

    /** The caller a token stands for, or why it stands for no one (a sentence for the 401). */
    public record Verification(Optional<Caller> caller, String failure) {
        static Verification refused(String failure) {
            return new Verification(Optional.empty(), failure);
        }
    }

    /** The caller a token stands for, if its signature, expiry and app check out. */
    public Verification verify(String token) {
        SignedJWT jwt;
        Object appClaim;
        try {
            jwt = SignedJWT.parse(token);
            appClaim = jwt.getJWTClaimsSet().getClaim(APP_CLAIM);
        } catch (ParseException e) {
            return Verification.refused("The bearer token is not a signed JWT");
        }
        UUID appId;
        try {
            appId = appClaim instanceof String s ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            appId = null;
        }
        if (appId == null) {
            return Verification.refused("The session token names no app: its 'app' claim must be the app's id");
        }
        Optional<App> app = tenancy.findApp(appId);
        if (app.isEmpty()) {
            return Verification.refused("The session token's app does not exist");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableSecret<>(tenancy.sessionSecret(app.get()))));
        } else if (app.get().jwksUrl() != null && JWKS_ALGORITHMS.contains(algorithm)) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, jwks.of(app.get())));
        } else {
            return Verification.refused("The session token is signed " + algorithm + "; the app accepts HS256 with its secret"
                    + (app.get().jwksUrl() == null ? "" : ", or RS256/ES256 with a key of its JWKS"));
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp", APP_CLAIM)));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            return Verification.refused("The session token cannot be checked: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            return Verification.refused("The session token was refused: " + e.getMessage());
        }
        Object orgClaim = claims.getClaim(ORG_CLAIM);
        if (orgClaim != null && !app.get().orgId().toString().equals(orgClaim)) {
            return Verification.refused("The session token's org is not its app's");
        }
        return new Verification(Optional.of(new Caller(Caller.Kind.SESSION, app.get().orgId(), app.get().id(), claims.getSubject(), Set.of())), null);
    }
}
