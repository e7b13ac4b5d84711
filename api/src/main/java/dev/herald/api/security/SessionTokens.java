package dev.herald.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * End-user session tokens (S1): JWTs whose {@code sub} is the user's external id, {@code exp}
 * their expiry, and whose {@code app} claim, or else the standard {@code aud}, names the app.
 * Herald mints them signed HS256 with the app's secret; the customer's server may sign them with
 * the same secret, or with a key published at the app's JWKS URL.
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

    /** A verified token's caller, or (caller null) why the token was refused. */
    public record Verified(Caller caller, String refusal) {
        static Verified refused(String why) {
            return new Verified(null, why);
        }
    }

    /**
     * The caller a token stands for, if it parses, names an app ({@code app}, else {@code aud}),
     * verifies with that app's key and has not expired; else why not, for the 401's detail.
     */
    public Verified verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = SignedJWT.parse(token);
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Verified.refused("The session JWT is malformed: it must be three base64url parts (header.claims.signature) "
                    + "with JSON header and claims.");
        }
        Object appClaim = unverified.getClaim(APP_CLAIM);
        List<String> candidates;
        if (appClaim != null) {
            if (!(appClaim instanceof String appId) || uuid(appId) == null) {
                return Verified.refused("The session JWT's `app` claim must be the app's id (a UUID).");
            }
            candidates = List.of(appId);
        } else {
            List<String> audience = unverified.getAudience() == null ? List.of() : unverified.getAudience();
            candidates = audience.stream().filter(a -> uuid(a) != null).toList();
            if (candidates.isEmpty()) {
                return Verified.refused(audience.isEmpty()
                        ? "The session JWT names no app: put the app's id in its `aud` claim (or an `app` claim)."
                        : "The session JWT's `aud` claim names no app id: put the app's id (a UUID) in `aud`.");
            }
        }
        Optional<App> app = candidates.stream().map(id -> tenancy.findApp(uuid(id))).flatMap(Optional::stream).findFirst();
        if (app.isEmpty()) {
            return Verified.refused("The session JWT names app " + candidates.get(0) + ", which does not exist.");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        boolean byJwks = !JWSAlgorithm.HS256.equals(algorithm);
        try {
            JWTClaimsSet claims = processorFor(app.get(), algorithm).process(jwt, null);
            Object orgClaim = claims.getClaim(ORG_CLAIM);
            if (orgClaim != null && !app.get().orgId().toString().equals(orgClaim)) {
                return Verified.refused("The session JWT's `org` claim is not the org of app " + app.get().id() + ".");
            }
            return new Verified(new Caller(Caller.Kind.SESSION, app.get().orgId(), app.get().id(), claims.getSubject(), Set.of()), null);
        } catch (UnacceptedAlgorithm e) {
            return Verified.refused("The session JWT is signed with " + algorithm + ": sign it HS256 with the app's secret"
                    + (app.get().jwksUrl() == null ? "" : ", or RS256/ES256 with a key published at the app's jwksUrl") + ".");
        } catch (com.nimbusds.jose.proc.BadJWSException e) {
            return Verified.refused(byJwks
                    ? "The session JWT's signature does not verify with the keys at the app's jwksUrl."
                    : "The session JWT's signature does not verify with the secret of app " + app.get().id()
                    + " (HS256 over the UTF-8 bytes of the jwtSecret shown when the app was made).");
        } catch (com.nimbusds.jwt.proc.BadJWTException e) {
            return Verified.refused(claimProblem(e, unverified));
        } catch (com.nimbusds.jose.KeySourceException e) {
            // the JWKS could not be fetched (refused address, timeout, too large, not JSON): say so, never hang
            return Verified.refused("The session JWT cannot be checked: " + e.getMessage());
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            return Verified.refused("The session JWT's signature does not verify: no key at the app's jwksUrl matches it.");
        } catch (JOSEException | IllegalArgumentException e) {
            return Verified.refused("The session JWT could not be checked: the app's jwksUrl could not be read.");
        }
    }

    private static String claimProblem(com.nimbusds.jwt.proc.BadJWTException e, JWTClaimsSet claims) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Expired")) {
            return "The session JWT expired at " + claims.getExpirationTime().toInstant() + ".";
        }
        if (message.contains("missing required claims")) {
            return "The session JWT lacks required claims: it needs `sub` (the user's id) and `exp` (when it expires, "
                    + "in seconds since the epoch), and the app's id in `aud` (or `app`).";
        }
        if (message.contains("before use time")) {
            return "The session JWT is not valid yet (its `nbf` is in the future).";
        }
        return "The session JWT's claims are not acceptable: " + message + ".";
    }

    /** A token signed with an algorithm the app does not accept. */
    private static final class UnacceptedAlgorithm extends Exception {
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return text.length() == 36 ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private DefaultJWTProcessor<SecurityContext> processorFor(App app, JWSAlgorithm algorithm) throws UnacceptedAlgorithm {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableSecret<>(tenancy.sessionSecret(app))));
        } else if (app.jwksUrl() != null && JWKS_ALGORITHMS.contains(algorithm)) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, jwks.of(app)));
        } else {
            throw new UnacceptedAlgorithm();
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp")));
        return processor;
    }
}
