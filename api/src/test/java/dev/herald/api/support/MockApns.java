package dev.herald.api.support;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushy's MockApnsServer on loopback, speaking HTTP/2 over TLS like APNs, recording every
 * notification it accepts. Two per test JVM, one for the production host and one for the
 * sandbox host, so a push that goes to the wrong environment is seen; specs tell their
 * pushes apart by token.
 */
public final class MockApns {

    /** A notification as APNs received it, and when. */
    public record Received(Map<String, String> headers, String payload, Instant receivedAt) {
        public String token() {
            String path = headers.get(":path");
            return path.substring(path.lastIndexOf('/') + 1);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private static MockApns shared;
    private static MockApns sandbox;

    private final MockApnsServer server;
    private final int port;
    private final Path certificatePem;
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Rejection> rejections = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> clientSubjects = new ConcurrentHashMap<>();

    private record Rejection(RejectionReason reason, AtomicInteger left) {
    }
    private final Map<String, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** Both hosts present this certificate: Herald trusts one file for APNs. */
    private static TestCertificates.ServerIdentity identity;

    private MockApns(TestCertificates.ServerIdentity identity) {
        try {
            server = new MockApnsServerBuilder()
                    .setServerCredentials(new X509Certificate[]{identity.certificate()}, identity.keyPair().getPrivate(), null)
                    // like APNs: a connection may authenticate with a client certificate (from the test push CA) or send tokens
                    .setTrustedClientCertificateChain(new ByteArrayInputStream(TestCertificates.pem("CERTIFICATE",
                            TestCertificates.pushCertificateAuthority().certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII)))
                    .setHandlerFactory(session -> {
                        String clientSubject = clientSubject(session);
                        return (headers, payload) -> handle(clientSubject, headers, payload);
                    })
                    .setListener(new Recorder())
                    .build();
            port = server.start(0).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the mock APNs server", e);
        }
        certificatePem = identity.certificatePem();
    }

    private static synchronized TestCertificates.ServerIdentity identity() {
        if (identity == null) {
            identity = TestCertificates.localhost();
        }
        return identity;
    }

    /** The production host ({@code herald.apns.production-*}). */
    public static synchronized MockApns shared() {
        if (shared == null) {
            shared = new MockApns(identity());
        }
        return shared;
    }

    /** The sandbox host ({@code herald.apns.sandbox-*}), with the same server certificate. */
    public static synchronized MockApns sandbox() {
        if (sandbox == null) {
            sandbox = new MockApns(identity());
        }
        return sandbox;
    }

    public int port() {
        return port;
    }

    public Path certificatePem() {
        return certificatePem;
    }

    /** Makes APNs refuse pushes to this token with the given reason from now on. */
    public void reject(String token, RejectionReason reason) {
        reject(token, reason, -1);
    }

    /** Makes APNs refuse the next {@code times} pushes to this token (all of them when negative). */
    public void reject(String token, RejectionReason reason, int times) {
        rejections.put(token, new Rejection(reason, new AtomicInteger(times)));
    }

    /** How many requests reached APNs for a token, accepted or not. */
    public int attempts(String token) {
        AtomicInteger n = attempts.get(token);
        return n == null ? 0 : n.get();
    }

    /**
     * Accepts pushes to this token but answers only once the returned latch is opened (or a
     * minute passed): the push has reached APNs, the answer is late or lost. While a push
     * waits, the rest of its connection waits behind it, as on a stalled HTTP/2 connection.
     */
    public java.util.concurrent.CountDownLatch hold(String token) {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        holds.put(token, latch);
        return latch;
    }

    /** Whether a push to a held token has arrived. */
    public boolean arrived(String token) {
        return held.contains(token);
    }

    public List<Received> receivedFor(Collection<String> tokens) {
        Set<String> wanted = Set.copyOf(tokens);
        return accepted.stream().filter(r -> wanted.contains(r.token())).toList();
    }

    /**
     * The subject of the client certificate a push arrived with, when its connection authenticated
     * with one (certificate auth); null for token auth.
     */
    public String clientSubject(String token) {
        return clientSubjects.get(token);
    }

    private static String clientSubject(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException tokenAuth) {
            return null;
        }
    }

    private void handle(String clientSubject, Http2Headers headers, ByteBuf payload) throws RejectedNotificationException {
        String path = headers.path().toString();
        String token = path.substring(path.lastIndexOf('/') + 1);
        attempts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        if (clientSubject != null) {
            clientSubjects.put(token, clientSubject);
        }
        Rejection rejection = rejections.get(token);
        RejectionReason reason = rejection != null && (rejection.left().get() < 0 || rejection.left().getAndDecrement() > 0)
                ? rejection.reason() : null;
        if (reason == RejectionReason.UNREGISTERED) {
            throw new UnregisteredDeviceTokenException(Instant.now());
        }
        if (reason != null) {
            throw new RejectedNotificationException(reason);
        }
        if (clientSubject != null) {
            // a certificate connection may push to its bundle id and that bundle's .voip/.complication/... topics only
            String bundleId = uid(clientSubject);
            String topic = headers.get("apns-topic") == null ? null : headers.get("apns-topic").toString();
            if (topic == null || !(topic.equals(bundleId) || topic.startsWith(bundleId + "."))) {
                throw new RejectedNotificationException(RejectionReason.TOPIC_DISALLOWED);
            }
        } else if (headers.get("authorization") == null || !headers.get("authorization").toString().startsWith("bearer ")) {
            throw new RejectedNotificationException(RejectionReason.MISSING_PROVIDER_TOKEN);
        }
        java.util.concurrent.CountDownLatch hold = holds.get(path.substring(path.lastIndexOf('/') + 1));
        if (hold != null) {
            held.add(path.substring(path.lastIndexOf('/') + 1));
            try {
                hold.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String uid(String subject) {
        for (String part : subject.split(",")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("UID=")) {
                return trimmed.substring(4);
            }
        }
        return "";
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            Map<String, String> copy = new LinkedHashMap<>();
            headers.forEach(e -> copy.put(e.getKey().toString(), e.getValue().toString()));
            accepted.add(new Received(copy, payload.toString(StandardCharsets.UTF_8), Instant.now()));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason, Instant invalidation) {
            // rejections are asserted through Herald's ledger
        }
    }
}
