package dev.herald.api.support;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the two HTTP APIs the Firebase Admin SDK uses to send: Google's
 * OAuth token endpoint (a JWT-bearer grant signed with the service account's key, verified
 * here) and FCM HTTP v1 {@code POST /v1/projects/{project}/messages:send}. It records every
 * message it accepts; specs can make it answer errors per registration token.
 */
public final class MockFcm {

    /** A message as FCM received it: the project, the request's {@code message} object and its headers. */
    public record Received(String projectId, Map<String, Object> message, Map<String, String> headers) {
        public String token() {
            return (String) message.get("token");
        }
    }

    /** An error to answer for a token, {@code times} times (then it is accepted), or for ever when negative. */
    private record Failure(int status, String grpcStatus, String errorCode, String message, String retryAfter, AtomicInteger left) {
    }

    private static MockFcm shared;

    private final HttpServer server;
    private final Map<String, RSAPublicKey> serviceAccounts = new ConcurrentHashMap<>();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(1000);

    private MockFcm() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local FCM server", e);
        }
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/", this::send);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized MockFcm shared() {
        if (shared == null) {
            shared = new MockFcm();
        }
        return shared;
    }

    /** Where the SDK should send instead of https://fcm.googleapis.com. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * A new service account's JSON key file, as the Firebase console hands it out, whose
     * token endpoint is this server.
     */
    public Map<String, Object> newServiceAccount(String projectId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            String email = "firebase-adminsdk-" + UUID.randomUUID().toString().substring(0, 8) + "@" + projectId + ".iam.gserviceaccount.com";
            serviceAccounts.put(email, (RSAPublicKey) keys.getPublic());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "service_account");
            json.put("project_id", projectId);
            json.put("private_key_id", UUID.randomUUID().toString().replace("-", ""));
            json.put("private_key", TestCertificates.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            json.put("client_email", email);
            json.put("client_id", "1" + Math.abs(email.hashCode()));
            json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
            json.put("token_uri", "https://oauth2.googleapis.com/token");
            return json;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Answers FCM's error for a token: {@code status} with the google.rpc status and the
     * FcmError code (e.g. 404 NOT_FOUND UNREGISTERED), {@code times} times, for ever if negative.
     */
    public void fail(String token, int status, String grpcStatus, String errorCode, String message, String retryAfter, int times) {
        failures.put(token, new Failure(status, grpcStatus, errorCode, message, retryAfter, new AtomicInteger(times)));
    }

    public List<Received> receivedFor(Collection<String> tokens) {
        Set<String> wanted = Set.copyOf(tokens);
        return accepted.stream().filter(r -> wanted.contains(r.token())).toList();
    }

    /** How many send requests reached the server for a token, answered with an error or not. */
    public int attempts(String token) {
        AtomicInteger n = attempts.get(token);
        return n == null ? 0 : n.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || form.get("assertion") == null) {
                respond(exchange, 400, Map.of("error", "unsupported_grant_type"), Map.of());
                return;
            }
            SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
            RSAPublicKey key = serviceAccounts.get(assertion.getJWTClaimsSet().getIssuer());
            String scope = String.valueOf(assertion.getJWTClaimsSet().getClaim("scope"));
            if (key == null || !assertion.verify(new RSASSAVerifier(key)) || !(scope.contains("/auth/cloud-platform") || scope.contains("/auth/firebase.messaging"))) {
                respond(exchange, 400, Map.of("error", "invalid_grant"), Map.of());
                return;
            }
            String accessToken = "ya29.test-" + UUID.randomUUID();
            accessTokens.add(accessToken);
            respond(exchange, 200, Map.of("access_token", accessToken, "expires_in", 3599, "token_type", "Bearer"), Map.of());
        } catch (Exception e) {
            respond(exchange, 500, Map.of("error", String.valueOf(e)), Map.of());
        }
    }

    @SuppressWarnings("unchecked")
    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/messages:send")) {
                respond(exchange, 404, error(404, "NOT_FOUND", null, "no such method"), Map.of());
                return;
            }
            String projectId = path.substring("/v1/projects/".length(), path.length() - "/messages:send".length());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !accessTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
                respond(exchange, 401, error(401, "UNAUTHENTICATED", null, "Request had invalid authentication credentials."), Map.of());
                return;
            }
            Map<String, Object> body = (Map<String, Object>) new JsonSlurper().parseText(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> message = (Map<String, Object>) body.get("message");
            String token = message == null ? null : (String) message.get("token");
            if (token == null) {
                respond(exchange, 400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "message.token is required"), Map.of());
                return;
            }
            attempts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            Failure failure = failures.get(token);
            if (failure != null && (failure.left().get() < 0 || failure.left().getAndDecrement() > 0)) {
                respond(exchange, failure.status(), error(failure.status(), failure.grpcStatus(), failure.errorCode(), failure.message()),
                        failure.retryAfter() == null ? Map.of() : Map.of("Retry-After", failure.retryAfter()));
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            accepted.add(new Received(projectId, message, headers));
            respond(exchange, 200, Map.of("name", "projects/" + projectId + "/messages/" + messageIds.incrementAndGet()), Map.of());
        } catch (RuntimeException e) {
            respond(exchange, 500, error(500, "INTERNAL", null, String.valueOf(e)), Map.of());
        }
    }

    /** FCM v1's error body: a google.rpc.Status with an FcmError detail. */
    private static Map<String, Object> error(int code, String status, String errorCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message == null ? status : message);
        error.put("status", status);
        List<Object> details = new ArrayList<>();
        if (errorCode != null) {
            details.add(Map.of("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode", errorCode));
        }
        error.put("details", details);
        return Map.of("error", error);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body, Map<String, String> headers) throws IOException {
        byte[] bytes = JsonOutput.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
