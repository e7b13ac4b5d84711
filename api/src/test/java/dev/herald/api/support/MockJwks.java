package dev.herald.api.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A customer's identity provider publishing its key set over https on a loopback address
 * (exempt from Herald's SSRF guard only through the test setting {@code herald.jwks.address-allow-list}).
 * Each key set has its own path; a path can also misbehave: redirect, stall, answer too much or fail.
 */
public final class MockJwks {

    public static final String ADDRESS = "127.0.0.3";

    public enum Behaviour { SERVE, REDIRECT, STALL, OVERSIZE, FAIL }

    private record Published(JWKSet keys, Behaviour behaviour) {
    }

    private static MockJwks shared;

    private final HttpsServer server;
    private final Path certificatePem;
    private final Map<String, Published> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    private MockJwks() {
        TestCertificates.ServerIdentity identity = TestCertificates.forAddress(ADDRESS);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", identity.keyPair().getPrivate(), "x".toCharArray(), new X509Certificate[]{identity.certificate()});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "x".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, new SecureRandom());
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local JWKS server", e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        certificatePem = identity.certificatePem();
    }

    public static synchronized MockJwks shared() {
        if (shared == null) {
            shared = new MockJwks();
        }
        return shared;
    }

    public Path certificatePem() {
        return certificatePem;
    }

    /** Publishes a key set (public parts of the keys) at a new URL. */
    public String publish(Behaviour behaviour, RSAKey... keys) {
        String path = "/" + UUID.randomUUID() + "/jwks.json";
        paths.put(path, new Published(new JWKSet(java.util.Arrays.stream(keys).map(RSAKey::toPublicJWK).map(k -> (com.nimbusds.jose.jwk.JWK) k).toList()), behaviour));
        fetches.put(path, new AtomicInteger());
        return "https://" + ADDRESS + ":" + server.getAddress().getPort() + path;
    }

    /** Replaces the keys published at a URL (a key rotation). */
    public void rotate(String url, RSAKey... keys) {
        String path = java.net.URI.create(url).getPath();
        paths.put(path, new Published(new JWKSet(java.util.Arrays.stream(keys).map(RSAKey::toPublicJWK).map(k -> (com.nimbusds.jose.jwk.JWK) k).toList()),
                paths.get(path).behaviour()));
    }

    /** How many times Herald asked for the key set at this URL. */
    public int fetches(String url) {
        return fetches.get(java.net.URI.create(url).getPath()).get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Published published = paths.get(path);
        try (exchange) {
            if (published == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            fetches.get(path).incrementAndGet();
            switch (published.behaviour()) {
                case SERVE -> send(exchange, 200, published.keys().toString().getBytes(StandardCharsets.UTF_8));
                case REDIRECT -> {
                    exchange.getResponseHeaders().add("Location", "https://169.254.169.254/latest/meta-data/");
                    exchange.sendResponseHeaders(302, -1);
                }
                case STALL -> {
                    try {
                        Thread.sleep(15_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case OVERSIZE -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                    }
                }
                case FAIL -> send(exchange, 500, "{}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // Herald hung up (a size cap or a timeout): that is the point
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
