package dev.herald.api.support

import dev.herald.domain.tenancy.Scope
import dev.herald.domain.tenancy.TenancyService
import io.micronaut.core.type.Argument
import io.micronaut.http.HttpRequest
import io.micronaut.http.HttpResponse
import io.micronaut.http.MutableHttpRequest
import io.micronaut.http.client.HttpClient
import io.micronaut.http.client.annotation.Client
import io.micronaut.http.client.exceptions.HttpClientResponseException
import io.micronaut.test.support.TestPropertyProvider
import io.temporal.client.WorkflowClient
import io.temporal.testing.TestWorkflowEnvironment
import jakarta.inject.Inject
import spock.lang.Specification

import java.time.Duration

/**
 * Base of every API spec: a real PostgreSQL, Temporal's time-skipping test service and the
 * push services' protocol peers on loopback (MockApnsServers for APNs' production and sandbox
 * hosts, a local FCM v1 server, a local
 * Web Push endpoint that decrypts what it receives), with
 * helpers to make tenants and call the REST API.
 */
abstract class HeraldSpec extends Specification implements TestPropertyProvider {

    static final MockApns apns = MockApns.shared()
    /** APNs' sandbox host: pushes for the development environment must arrive here and only here. */
    static final MockApns apnsSandbox = MockApns.sandbox()
    static final MockFcm fcm = MockFcm.shared()
    static final MockWebPush webPush = MockWebPush.shared()
    static final MockOneSignal oneSignal = MockOneSignal.shared()
    static final MockJwks jwks = MockJwks.shared()
    static final String MASTER_KEYS = 'test-1:' + Base64.encoder.encodeToString(('k' * 32).bytes)

    @Inject
    @Client('/')
    HttpClient http

    @Inject
    TenancyService tenancy

    @Inject
    TestWorkflowEnvironment temporal

    @Inject
    WorkflowClient workflowClient

    @Override
    Map<String, String> getProperties() {
        def db = TestDatabase.get()
        [
                'datasources.default.url'                 : db.url(),
                'datasources.default.username'            : db.username(),
                'datasources.default.password'            : db.password(),
                'herald.master-keys'                      : MASTER_KEYS,
                'herald.apns.production-host'             : 'localhost',
                'herald.apns.production-port'             : apns.port() as String,
                'herald.apns.sandbox-host'                : 'localhost',
                'herald.apns.sandbox-port'                : apnsSandbox.port() as String,
                'herald.apns.trusted-server-certificate'  : apns.certificatePem().toString(),
                'herald.fcm.root-url'                     : fcm.rootUrl(),
                'herald.fcm.token-url'                    : fcm.rootUrl() + '/token',
                'herald.capture.enabled'                  : 'true',
                'herald.onesignal.api-url'                : oneSignal.apiUrl(),
                // the local push endpoint listens on 127.0.0.2; every other internal address stays refused
                'herald.webpush.endpoint-allow-list'      : MockWebPush.ADDRESS,
                'herald.webpush.trusted-server-certificate': webPush.certificatePem().toString(),
                // customers' identity providers listen on 127.0.0.3, exempt from the JWKS URL's SSRF guard as Web Push's endpoint is
                'herald.jwks.address-allow-list'          : MockJwks.ADDRESS,
                'herald.jwks.trusted-server-certificate'  : jwks.certificatePem().toString(),
                'temporal.ui-url'                         : 'http://temporal-ui.test',
                // a free port: other checkouts on this machine run their specs at the same time
                'micronaut.server.port'                   : '-1',
        ] + extraProperties()
    }

    /** Further configuration a spec needs. */
    Map<String, String> extraProperties() {
        [:]
    }

    /** A fresh org with an admin key and one app; every spec works in its own orgs. */
    Tenant newTenant() {
        def created = tenancy.createOrg("org-${UUID.randomUUID()}", EnumSet.of(Scope.ADMIN), null)
        def app = tenancy.createApp(created.org().id(), 'ios', 'UTC', null)
        new Tenant(this, created.org().id(), created.adminKey().plaintext(), app.app().id(), app.jwtSecret())
    }

    /** An org whose key also has the platform scope (may create orgs). */
    Tenant newPlatformTenant() {
        def created = tenancy.createOrg("platform-${UUID.randomUUID()}", EnumSet.of(Scope.ADMIN, Scope.PLATFORM), null)
        def app = tenancy.createApp(created.org().id(), 'ios', 'UTC', null)
        new Tenant(this, created.org().id(), created.adminKey().plaintext(), app.app().id(), app.jwtSecret())
    }

    /** Calls the API and returns the response whatever its status, with a JSON body as a Map. */
    Response call(String method, String path, Object body = null, Map<String, String> headers = [:]) {
        MutableHttpRequest<?> request = HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path)
        headers.each { k, v -> request.header(k, v) }
        if (body != null) {
            request.body(body)
            if (body instanceof String) {
                request.contentType('application/json')
            } else if (body instanceof io.micronaut.http.client.multipart.MultipartBody) {
                request.contentType(io.micronaut.http.MediaType.MULTIPART_FORM_DATA_TYPE)
            }
        }
        try {
            HttpResponse<Map> response = http.toBlocking().exchange(request, Argument.of(Map), Argument.of(Map))
            return new Response(response.code(), response.body() as Map, response.contentType.map { it.toString() }.orElse(null))
        } catch (HttpClientResponseException e) {
            return new Response(e.status.code, e.response.getBody(Map).orElse(null), e.response.contentType.map { it.toString() }.orElse(null))
        }
    }

    /**
     * Waits (in real time) for a send's workflow to finish; timers fire only through {@link #skip}.
     * A send's row is stored before its workflow starts (by the API, or by a parent workflow such
     * as a recurring send's firing or an automation run), so a send seen in the API may not have
     * its workflow yet: wait for it to exist rather than take its absence for an answer.
     */
    Map awaitSend(String sendId) {
        long deadline = System.currentTimeMillis() + 30_000
        while (true) {
            try {
                return workflowClient.newUntypedWorkflowStub("send-$sendId").getResult(30, java.util.concurrent.TimeUnit.SECONDS, Map)
            } catch (io.temporal.client.WorkflowNotFoundException notYetStarted) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYetStarted
                }
                Thread.sleep(20)
            }
        }
    }

    /** Moves the test service's clock forward, firing the timers due on the way. */
    void skip(Duration duration) {
        temporal.sleep(duration)
    }

    /** The first column of the first row of a query, read straight from PostgreSQL. */
    static String queryValue(String sql) {
        def db = TestDatabase.get()
        java.sql.DriverManager.getConnection(db.url(), db.username(), db.password()).withCloseable { c ->
            c.createStatement().withCloseable { s ->
                def rs = s.executeQuery(sql)
                rs.next() ? rs.getString(1) : null
            }
        }
    }

    static String apnsToken() {
        def bytes = new byte[32]
        new Random().nextBytes(bytes)
        bytes.encodeHex().toString()
    }

    /** An FCM registration token of the shape Firebase hands out. */
    static String fcmToken() {
        def bytes = new byte[96]
        new Random().nextBytes(bytes)
        'f' + UUID.randomUUID().toString().substring(0, 8) + ':APA91b' + Base64.urlEncoder.withoutPadding().encodeToString(bytes)
    }

    static class Response {
        final int status
        final Map body
        final String contentType

        Response(int status, Map body, String contentType) {
            this.status = status
            this.body = body
            this.contentType = contentType
        }

        @Override
        String toString() {
            "$status $body"
        }
    }
}
