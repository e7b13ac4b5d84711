package dev.herald.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local server speaking OneSignal's create-notification REST call: it checks the app's REST
 * API key, records each request body, and answers as OneSignal does, including its
 * 200-with-errors answer for subscription ids it does not know.
 */
public final class MockOneSignal {

    /** A create-notification request as OneSignal received it. */
    public record Received(String authorization, String query, Map<String, Object> body) {
    }

    private static MockOneSignal shared;

    private final HttpServer server;
    private final Map<String, String> restKeys = new ConcurrentHashMap<>();
    private final Set<String> unsubscribed = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MockOneSignal() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/notifications", this::notifications);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized MockOneSignal shared() {
        if (shared == null) {
            shared = new MockOneSignal();
        }
        return shared;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new OneSignal app: its id and REST API key. */
    public Map<String, String> newApp() {
        String appId = UUID.randomUUID().toString();
        String key = "os_v2_app_" + UUID.randomUUID().toString().replace("-", "");
        restKeys.put(appId, key);
        return Map.of("appId", appId, "restApiKey", key);
    }

    /** Makes a subscription id unknown to OneSignal (an uninstalled app, say). */
    public void unsubscribe(String subscriptionId) {
        unsubscribed.add(subscriptionId);
    }

    @SuppressWarnings("unchecked")
    public List<Received> receivedFor(String subscriptionId) {
        return received.stream().filter(r -> ((List<String>) r.body().get("include_subscription_ids")).contains(subscriptionId)).toList();
    }

    @SuppressWarnings("unchecked")
    private void notifications(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, Object> body = (Map<String, Object>) new JsonSlurper().parseText(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String key = restKeys.get(String.valueOf(body.get("app_id")));
            if (key == null || !("Key " + key).equals(authorization)) {
                respond(exchange, 403, Map.of("errors", List.of("Access denied.  Please include an 'Authorization: Key' header with a valid API key")));
                return;
            }
            received.add(new Received(authorization, exchange.getRequestURI().getQuery(), body));
            List<String> ids = (List<String>) body.get("include_subscription_ids");
            List<String> invalid = ids.stream().filter(unsubscribed::contains).toList();
            if (invalid.size() == ids.size()) {
                respond(exchange, 200, Map.of("id", "", "errors", Map.of("invalid_player_ids", invalid)));
                return;
            }
            respond(exchange, 200, Map.of("id", UUID.randomUUID().toString(), "external_id", ""));
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JsonOutput.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
