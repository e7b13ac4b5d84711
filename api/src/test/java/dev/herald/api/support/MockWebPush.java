package dev.herald.api.support;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
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
 * A browser push service on loopback (127.0.0.2, over TLS): it hands out subscriptions the
 * way a browser would (a P-256 key pair and an auth secret per subscription), checks each
 * request's VAPID signature, and decrypts the aes128gcm body with the subscription's private
 * key (RFC 8291), recording the plaintext. Specs can make it answer errors or redirects.
 */
public final class MockWebPush {

    public static final String ADDRESS = "127.0.0.2";

    /** What a browser hands its server after {@code pushManager.subscribe}. */
    public record Subscription(String id, String endpoint, String p256dh, String auth) {
        public Map<String, Object> registration() {
            return Map.of("provider", "WEBPUSH", "token", endpoint, "keys", Map.of("p256dh", p256dh, "auth", auth));
        }
    }

    /** A push as the service received it: request headers, the VAPID claims and the decrypted payload. */
    public record Received(String subscriptionId, Map<String, String> headers, Map<String, Object> vapidClaims, String plaintext) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private record Keys(KeyPair pair, byte[] publicPoint, byte[] auth) {
    }

    private record Answer(int status, String retryAfter, String location, AtomicInteger left) {
    }

    private static MockWebPush shared;

    private final HttpsServer server;
    private final Path certificatePem;
    private final Map<String, Keys> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final AtomicLong messageIds = new AtomicLong();

    private MockWebPush() {
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
            throw new IllegalStateException("cannot start the local Web Push endpoint", e);
        }
        server.createContext("/push/", this::push);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        certificatePem = identity.certificatePem();
    }

    public static synchronized MockWebPush shared() {
        if (shared == null) {
            shared = new MockWebPush();
        }
        return shared;
    }

    public Path certificatePem() {
        return certificatePem;
    }

    public String origin() {
        return "https://" + ADDRESS + ":" + server.getAddress().getPort();
    }

    /** A new browser subscription on this service. */
    public Subscription newSubscription() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            byte[] point = uncompressed((ECPublicKey) pair.getPublic());
            String id = UUID.randomUUID().toString();
            subscriptions.put(id, new Keys(pair, point, auth));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return new Subscription(id, origin() + "/push/" + id, b64.encodeToString(point), b64.encodeToString(auth));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers {@code status} (with Retry-After or Location when given) {@code times} times, for ever if negative. */
    public void answer(Subscription subscription, int status, String retryAfter, String location, int times) {
        answers.put(subscription.id(), new Answer(status, retryAfter, location, new AtomicInteger(times)));
    }

    public List<Received> receivedFor(Collection<Subscription> wanted) {
        Set<String> ids = wanted.stream().map(Subscription::id).collect(java.util.stream.Collectors.toSet());
        return accepted.stream().filter(r -> ids.contains(r.subscriptionId())).toList();
    }

    public int attempts(Subscription subscription) {
        AtomicInteger n = attempts.get(subscription.id());
        return n == null ? 0 : n.get();
    }

    private void push(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            Keys keys = subscriptions.get(id);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (keys == null || !"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 404, Map.of());
                return;
            }
            attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.get(id);
            if (answer != null && (answer.left().get() < 0 || answer.left().getAndDecrement() > 0)) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (answer.retryAfter() != null) {
                    headers.put("Retry-After", answer.retryAfter());
                }
                if (answer.location() != null) {
                    headers.put("Location", answer.location());
                }
                respond(exchange, answer.status(), headers);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            Map<String, Object> claims = verifyVapid(headers.get("authorization"));
            if (claims == null || !"aes128gcm".equals(headers.get("content-encoding"))) {
                respond(exchange, 403, Map.of());
                return;
            }
            accepted.add(new Received(id, headers, claims, new String(decrypt(body, keys), StandardCharsets.UTF_8)));
            respond(exchange, 201, Map.of("Location", origin() + "/message/" + messageIds.incrementAndGet()));
        } catch (Exception e) {
            respond(exchange, 400, Map.of());
        }
    }

    /** RFC 8292: {@code vapid t=<JWT>, k=<public key>}, the JWT signed ES256 by k, for this origin, unexpired. */
    private Map<String, Object> verifyVapid(String authorization) throws Exception {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            return null;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("vapid ".length()).split(",")) {
            String[] kv = part.trim().split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        SignedJWT jwt = SignedJWT.parse(parts.get("t"));
        ECPublicKey signer = publicKey(Base64.getUrlDecoder().decode(parts.get("k")), null);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        boolean valid = jwt.verify(new ECDSAVerifier(signer))
                // webpush-java leaves the port out of the origin; real push services all listen on 443
                && (claims.getAudience().equals(List.of(origin())) || claims.getAudience().equals(List.of("https://" + ADDRESS)))
                && claims.getExpirationTime().after(new Date())
                && claims.getSubject() != null;
        return valid ? claims.toJSONObject() : null;
    }

    /** RFC 8291 / RFC 8188: one aes128gcm record, keyed from ECDH with the sender's key and the auth secret. */
    private static byte[] decrypt(byte[] body, Keys keys) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] senderPoint = new byte[in.get() & 0xff];
        in.get(senderPoint);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > recordSize) {
            throw new IllegalArgumentException("more than one record");
        }
        ECPrivateKey receiver = (ECPrivateKey) keys.pair().getPrivate();
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(receiver);
        ecdh.doPhase(publicKey(senderPoint, receiver.getParams()), true);
        byte[] sharedSecret = ecdh.generateSecret();

        byte[] prkKey = hmac(keys.auth(), sharedSecret);
        byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[]{0}, keys.publicPoint(), senderPoint, new byte[]{1});
        byte[] ikm = hmac(prkKey, keyInfo);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII), new byte[]{0, 1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII), new byte[]{0, 1})), 12);

        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new IllegalArgumentException("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    private static ECPublicKey publicKey(byte[] point, ECParameterSpec params) throws Exception {
        if (params == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            params = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copyUnsigned(key.getW().getAffineX(), out, 1);
        copyUnsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, -1);
        try (OutputStream ignored = exchange.getResponseBody()) {
            // no body
        }
    }
}
