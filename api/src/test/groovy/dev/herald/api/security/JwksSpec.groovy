package dev.herald.api.security

import com.nimbusds.jose.JWSAlgorithm
import com.nimbusds.jose.JWSHeader
import com.nimbusds.jose.crypto.RSASSASigner
import com.nimbusds.jose.jwk.RSAKey
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator
import com.nimbusds.jwt.JWTClaimsSet
import com.nimbusds.jwt.SignedJWT
import dev.herald.api.support.HeraldSpec
import dev.herald.api.support.MockJwks
import dev.herald.api.support.Tenant
import io.micronaut.test.extensions.spock.annotation.MicronautTest
import spock.lang.Shared

import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors

/**
 * An app's JWKS URL is an SSRF path (an admin chooses it, any caller's token makes Herald fetch
 * it): it gets the Web Push endpoint guard, at registration and at every fetch, no redirects,
 * 2 s timeouts, a size cap, and at most one fetch per app per minute whatever callers send.
 */
@MicronautTest(transactional = false)
class JwksSpec extends HeraldSpec {

    @Shared
    RSAKey key = new RSAKeyGenerator(2048).keyID('idp-1').generate()

    Tenant tenant

    def setup() {
        tenant = newTenant()
        tenant.upsertUser('sso-user')
    }

    def "a JWKS URL #description is refused at registration, naming jwksUrl, and no app is made"() {
        given:
        def apps = queryValue("select count(*) from apps where org_id = '${tenant.orgId}'")

        when:
        def response = call('POST', '/v1/apps', [name: 'sso', jwksUrl: url], tenant.key())

        then:
        response.status == 400
        response.body.errors == [[field: 'jwksUrl', message: reason]]
        queryValue("select count(*) from apps where org_id = '${tenant.orgId}'") == apps

        where:
        description                 | url                                                     || reason
        'on a private address'      | 'https://10.0.0.1/jwks.json'                            || 'the host 10.0.0.1 is a private address'
        'on a home router'          | 'https://192.168.1.1/jwks.json'                         || 'the host 192.168.1.1 is a private address'
        'on the metadata address'   | 'https://169.254.169.254/latest/meta-data/'             || 'the host 169.254.169.254 is a link-local address (incl. cloud metadata)'
        'naming the metadata host'  | 'https://metadata.google.internal/computeMetadata/v1/'  || 'a JWKS URL must not name a host of a local network (metadata.google.internal)'
        'on loopback'               | 'https://127.0.0.1:8443/jwks.json'                      || 'the host 127.0.0.1 is a loopback address'
        'on IPv6 loopback'          | 'https://[::1]/jwks.json'                               || 'the host [::1] is a loopback address'
        'naming localhost'          | 'https://localhost/jwks.json'                           || 'a JWKS URL must not name localhost (a loopback host)'
        'over plain http'           | 'http://127.0.0.1/jwks.json'                            || 'a JWKS URL is an https URL'
        'with credentials'          | 'https://user:pw@idp.example.com/jwks.json'             || 'a JWKS URL carries no user name or password'
    }

    def "keys are fetched once and cached: tokens with unknown key ids do not make Herald fetch again"() {
        given:
        def url = jwks.publish(MockJwks.Behaviour.SERVE, key)
        def app = newApp(url)
        RSAKey unknown = new RSAKeyGenerator(2048).keyID('not-published').generate()

        when:
        def good = call('GET', '/v1/users/me', null, bearer(rs256(key, app, 'sso-user')))
        def strangers = (1..30).collect { this.call('GET', '/v1/users/me', null, bearer(rs256(unknown, app, 'sso-user'))) }
        def goodAgain = call('GET', '/v1/users/me', null, bearer(rs256(key, app, 'sso-user')))

        then:
        good.status == 200
        strangers*.status.unique() == [401]
        strangers[0].contentType == 'application/problem+json'
        strangers[0].body.detail.startsWith("The session JWT's signature does not verify")
        goodAgain.status == 200
        jwks.fetches(url) == 1
    }

    def "a JWKS that #description is a 401 saying so, soon, and is not fetched again within the minute"() {
        given:
        def url = jwks.publish(behaviour, key)
        def app = newApp(url)

        when:
        long started = System.nanoTime()
        def first = call('GET', '/v1/users/me', null, bearer(rs256(key, app, 'sso-user')))
        double firstSeconds = (System.nanoTime() - started) / 1e9
        started = System.nanoTime()
        def again = (1..5).collect { this.call('GET', '/v1/users/me', null, bearer(rs256(key, app, 'sso-user'))) }
        double againSeconds = (System.nanoTime() - started) / 1e9

        then:
        first.status == 401
        first.contentType == 'application/problem+json'
        first.body.detail.startsWith("The session JWT cannot be checked: the app's JWKS ($url) could not be fetched: $reason")
        firstSeconds < 7
        again*.status.unique() == [401]
        again[0].body.detail == first.body.detail
        againSeconds < 2
        jwks.fetches(url) == 1

        where:
        description          | behaviour                        || reason
        'redirects'          | MockJwks.Behaviour.REDIRECT      || 'it answered HTTP 302 (redirects are not followed)'
        'never answers'      | MockJwks.Behaviour.STALL         || 'no answer within 2.0 s'
        'answers 4 MB'       | MockJwks.Behaviour.OVERSIZE      || 'its key set is larger than 256 KB'
        'fails'              | MockJwks.Behaviour.FAIL          || 'it answered HTTP 500'
    }

    def "unauthenticated callers in parallel make at most one fetch, and none waits past the timeouts"() {
        given:
        def url = jwks.publish(MockJwks.Behaviour.STALL, key)
        def app = newApp(url)
        def pool = Executors.newFixedThreadPool(20)

        when:
        long started = System.nanoTime()
        def answers = pool.invokeAll((1..20).collect { n ->
            { -> this.call('GET', '/v1/users/me', null, bearer(rs256(key, app, "caller-$n"))) } as Callable
        })*.get()
        double seconds = (System.nanoTime() - started) / 1e9

        then:
        answers*.status.unique() == [401]
        seconds < 8
        jwks.fetches(url) == 1

        cleanup:
        pool?.shutdownNow()
    }

    def "the guard applies again at fetch time: a JWKS URL that now leads inside the network is not contacted"() {
        given: 'an app whose URL leads to loopback (stored before these checks, or a name that resolves elsewhere now)'
        def listener = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
        def app = newApp(jwks.publish(MockJwks.Behaviour.SERVE, key))
        def internal = "https://127.0.0.1:${listener.localPort}/jwks.json".toString()
        queryValue("update apps set jwks_url = '$internal' where id = '$app' returning id")
        listener.soTimeout = 500

        when:
        def response = call('GET', '/v1/users/me', null, bearer(rs256(key, app, 'sso-user')))
        boolean contacted
        try {
            listener.accept().close()
            contacted = true
        } catch (SocketTimeoutException ignored) {
            contacted = false
        }

        then:
        response.status == 401
        response.body.detail == "The session JWT cannot be checked: the app's JWKS ($internal) could not be fetched: " +
                'the host 127.0.0.1 is a loopback address; Herald fetches it at most once every 60 s'
        !contacted

        cleanup:
        listener?.close()
    }

    private String newApp(String jwksUrl) {
        def response = call('POST', '/v1/apps', [name: "sso-${UUID.randomUUID().toString().take(8)}".toString(), jwksUrl: jwksUrl], tenant.key())
        assert response.status == 201: response
        response.body.id
    }

    private static Map<String, String> bearer(String token) {
        ['Authorization': "Bearer $token".toString()]
    }

    private static String rs256(RSAKey key, String appId, String user) {
        def claims = new JWTClaimsSet.Builder().subject(user).claim('app', appId).expirationTime(Date.from(Instant.now().plusSeconds(300))).build()
        def jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyID).build(), claims)
        jwt.sign(new RSASSASigner(key))
        jwt.serialize()
    }
}
