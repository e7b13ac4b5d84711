package dev.herald.api.support

import com.nimbusds.jose.JWSAlgorithm
import com.nimbusds.jose.JWSHeader
import com.nimbusds.jose.crypto.MACSigner
import com.nimbusds.jwt.JWTClaimsSet
import com.nimbusds.jwt.SignedJWT
import dev.herald.api.support.Tenant

import java.time.Instant

/** Session tokens as a customer's server signs them with the app's shared secret. */
class AuthTokens {

    static String customerSigned(Tenant tenant, String userId, Instant expires = Instant.now().plusSeconds(600), String secret = tenant.jwtSecret) {
        def claims = new JWTClaimsSet.Builder().subject(userId).claim('app', tenant.appId.toString())
                .expirationTime(Date.from(expires)).build()
        def jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims)
        jwt.sign(new MACSigner(secret.bytes))
        jwt.serialize()
    }

    /** A token signed HS256 with the app's secret (or {@code secret}) carrying exactly {@code claims}. */
    static String signed(Tenant tenant, Map<String, Object> claims, String secret = tenant.jwtSecret) {
        def builder = new JWTClaimsSet.Builder()
        claims.each { name, value ->
            if (name == 'exp') {
                builder.expirationTime(Date.from(value as Instant))
            } else {
                builder.claim(name, value)
            }
        }
        def jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build())
        jwt.sign(new MACSigner(secret.bytes))
        jwt.serialize()
    }
}
