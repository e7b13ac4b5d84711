package dev.herald.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.herald.domain.tenancy.App;
import dev.herald.domain.tenancy.TenancyService;
import jakarta.inject.Singleton;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, JWKSource<SecurityContext>> jwksSources = new ConcurrentHashMap<>();

    public SessionTokens(TenancyService tenancy) {
        this.tenancy = tenancy;
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

    /** The caller a token stands for, if its signature, expiry and app check out. */
    public Optional<Caller> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Object appClaim = jwt.getJWTClaimsSet().getClaim(APP_CLAIM);
            if (!(appClaim instanceof String appId)) {
                return Optional.empty();
            }
            Optional<App> app = tenancy.findApp(UUID.fromString(appId));
            if (app.isEmpty()) {
                return Optional.empty();
            }
            JWTClaimsSet claims = processorFor(app.get(), jwt.getHeader().getAlgorithm()).process(jwt, null);
            Object orgClaim = claims.getClaim(ORG_CLAIM);
            if (orgClaim != null && !app.get().orgId().toString().equals(orgClaim)) {
                return Optional.empty();
            }
            return Optional.of(new Caller(Caller.Kind.SESSION, app.get().orgId(), app.get().id(), claims.getSubject(), Set.of()));
        } catch (ParseException | IllegalArgumentException | JOSEException | MalformedURLException | com.nimbusds.jose.proc.BadJOSEException e) {
            return Optional.empty();
        }
    }

    private DefaultJWTProcessor<SecurityContext> processorFor(App app, JWSAlgorithm algorithm) throws MalformedURLException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableSecret<>(tenancy.sessionSecret(app))));
        } else if (app.jwksUrl() != null && JWKS_ALGORITHMS.contains(algorithm)) {
            JWKSource<SecurityContext> source = jwksSources.computeIfAbsent(app.jwksUrl(), url -> {
                try {
                    // Nimbus' default 500 ms timeouts fail valid sessions whenever the identity provider (or this host) is slow
                    return JWKSourceBuilder.create(URI.create(url).toURL(), new DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
                            .retrying(true).build();
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(e);
                }
            });
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, source));
        } else {
            throw new IllegalArgumentException("algorithm " + algorithm + " is not accepted for app " + app.id());
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp", APP_CLAIM)));
        return processor;
    }
}
