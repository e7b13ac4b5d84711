package dev.herald.activities.provider.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import dev.herald.activities.provider.InFlightSlots;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One long-lived {@link ApnsClient} per credential and environment: per team signing key (APNs
 * refuses a second team's token on a connection) or per client certificate (the TLS handshake
 * authenticates the whole connection), all on one shared event loop group. Each client has a
 * bound on requests in flight: Pushy itself would buffer without limit.
 */
@Singleton
public class ApnsClients implements AutoCloseable {

    /** {@code identity} is the team key or the certificate subject; {@code fingerprint} tells its versions apart. */
    private record ClientKey(String identity, String fingerprint, boolean sandbox) {
    }

    private final ApnsSettings settings;
    private final EventLoopGroup eventLoopGroup;
    private final Map<ClientKey, BoundedClient> clients = new ConcurrentHashMap<>();

    public ApnsClients(ApnsSettings settings) {
        this.settings = settings;
        this.eventLoopGroup = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** A client with its in-flight bound. */
    public static final class BoundedClient {
        private final ApnsClient client;
        private final Semaphore inFlight;

        BoundedClient(ApnsClient client, int maxInFlight) {
            this.client = client;
            this.inFlight = new Semaphore(maxInFlight);
        }

        /** Sends once a slot is free; blocks the caller while the bound is reached. */
        public CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> send(SimpleApnsPushNotification notification) {
            return send(notification, () -> { });
        }

        /**
         * Sends once a slot is free, running {@code heartbeat} every {@link InFlightSlots#HEARTBEAT_EVERY} of
         * waiting: a delivery activity whose pushes queue behind slow answers must still show it is alive.
         */
        public CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> send(SimpleApnsPushNotification notification,
                                                                                            Runnable heartbeat) {
            InFlightSlots.acquire(inFlight, heartbeat);
            CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> future = client.sendNotification(notification);
            future.whenComplete((response, failure) -> inFlight.release());
            return future;
        }
    }

    /**
     * The client for a credential and environment.
     *
     * @param secret the unsealed secret: the .p8 PEM for token auth, the encoded
     *               {@link ApnsCredential.CertificateSecret} for certificate auth; read (unsealed)
     *               only when the client has to be built, not once per push
     */
    public BoundedClient client(ApnsCredential credential, Supplier<byte[]> secret, boolean sandbox) {
        ClientKey key = new ClientKey(credential.identity(), credential.fingerprint(), sandbox);
        BoundedClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (clients) {
            // a replaced key (same team and key id) or renewed certificate (same subject) retires the old client
            clients.entrySet().removeIf(old -> {
                ClientKey k = old.getKey();
                boolean replaced = !k.equals(key) && k.identity().equals(key.identity()) && k.sandbox() == key.sandbox();
                if (replaced) {
                    old.getValue().client.close();
                }
                return replaced;
            });
            return clients.computeIfAbsent(key,
                    k -> new BoundedClient(build(credential, secret.get(), sandbox), settings.maxInFlightPerClient()));
        }
    }

    private ApnsClient build(ApnsCredential credential, byte[] secret, boolean sandbox) {
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setApnsServer(sandbox ? settings.sandboxHost() : settings.productionHost(),
                            sandbox ? settings.sandboxPort() : settings.productionPort());
            if (credential.authType() == ApnsCredential.AuthType.CERTIFICATE) {
                ApnsCredential.CertificateSecret certificate = ApnsCredential.CertificateSecret.decode(secret);
                builder.setClientCredentials(new ByteArrayInputStream(certificate.p12()), certificate.password());
            } else {
                builder.setSigningKey(ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(secret),
                        credential.teamId(), credential.keyId()));
            }
            builder.setEventLoopGroup(eventLoopGroup)
                    .setConcurrentConnections(settings.connectionsPerClient())
                    .setConnectionTimeout(settings.connectTimeout());
            if (settings.trustedServerCertificate() != null) {
                builder.setTrustedServerCertificateChain(new File(settings.trustedServerCertificate()));
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an APNs client for " + credential.identity(), e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        clients.values().forEach(c -> c.client.close().join());
        clients.clear();
        eventLoopGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
