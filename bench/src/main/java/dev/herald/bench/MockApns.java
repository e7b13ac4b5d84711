package dev.herald.bench;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Pushy's MockApnsServer over TLS on loopback, accepting everything and counting. */
final class MockApns implements AutoCloseable {

    private final MockApnsServer server;
    private final int port;
    private final AtomicLong accepted = new AtomicLong();

    MockApns(BenchCertificates.ServerIdentity identity) throws Exception {
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[]{identity.certificate()}, identity.keyPair().getPrivate(), null)
                .setHandlerFactory(session -> (headers, payload) -> {
                })
                .setListener(new MockApnsServerListener() {
                    @Override
                    public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
                        accepted.incrementAndGet();
                    }

                    @Override
                    public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason, Instant at) {
                    }
                })
                .build();
        port = server.start(0).get();
    }

    int port() {
        return port;
    }

    long accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get();
    }
}
