package dev.herald.activities.provider.fcm;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.auth.http.HttpTransportFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import dev.herald.activities.provider.InFlightSlots;
import dev.herald.domain.credential.StoredCredential;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One long-lived Firebase app per Herald app's FCM credential, rebuilt when the credential
 * changes, with a bound on requests in flight.
 */
@Singleton
public class FcmClients implements AutoCloseable {

    static final String GOOGLE_ROOT = "https://fcm.googleapis.com";
    /** Where access tokens are minted; the key file's own token_uri is never followed (SSRF). */
    static final String GOOGLE_TOKEN_URL = FcmCredential.GOOGLE_TOKEN_URL;

    private final FcmSettings settings;
    private final Map<UUID, Client> clients = new ConcurrentHashMap<>();

    public FcmClients(FcmSettings settings) {
        this.settings = settings;
    }

    /** A Firebase app's messaging with its in-flight bound. */
    public static final class Client {
        private final String version;
        private final FirebaseApp app;
        private final FirebaseMessaging messaging;
        private final Semaphore inFlight;

        Client(String version, FirebaseApp app, int maxInFlight) {
            this.version = version;
            this.app = app;
            this.messaging = FirebaseMessaging.getInstance(app);
            this.inFlight = new Semaphore(maxInFlight);
        }

        /** Sends once a slot is free; completes with FCM's message name or the SDK's exception. */
        public CompletableFuture<String> send(Message message) {
            return send(message, () -> { });
        }

        /** As {@link #send(Message)}, running {@code heartbeat} every {@link InFlightSlots#HEARTBEAT_EVERY} of waiting for a slot. */
        public CompletableFuture<String> send(Message message, Runnable heartbeat) {
            InFlightSlots.acquire(inFlight, heartbeat);
            CompletableFuture<String> result = new CompletableFuture<>();
            ApiFuture<String> sent;
            try {
                sent = messaging.sendAsync(message);
            } catch (RuntimeException e) {
                inFlight.release();
                return CompletableFuture.failedFuture(e);
            }
            ApiFutures.addCallback(sent, new ApiFutureCallback<>() {
                @Override
                public void onFailure(Throwable t) {
                    inFlight.release();
                    result.completeExceptionally(t);
                }

                @Override
                public void onSuccess(String name) {
                    inFlight.release();
                    result.complete(name);
                }
            }, MoreExecutors.directExecutor());
            return result;
        }
    }

    public Client client(StoredCredential credential, Supplier<byte[]> serviceAccountJson) {
        Client existing = clients.get(credential.appId());
        if (existing != null && existing.version.equals(credential.version())) {
            return existing;
        }
        synchronized (clients) {
            Client current = clients.get(credential.appId());
            if (current != null && current.version.equals(credential.version())) {
                return current;
            }
            if (current != null) {
                current.app.delete();
            }
            Client built = new Client(credential.version(), build(credential, serviceAccountJson.get()), settings.maxInFlightPerCredential());
            clients.put(credential.appId(), built);
            return built;
        }
    }

    private FirebaseApp build(StoredCredential credential, byte[] serviceAccountJson) {
        try {
            HttpTransport transport = transport();
            HttpTransportFactory tokenTransport = transport == null ? NetHttpTransport::new : () -> transport;
            GoogleCredentials credentials = ServiceAccountCredentials
                    .fromStream(new ByteArrayInputStream(serviceAccountJson), tokenTransport)
                    .toBuilder().setTokenServerUri(URI.create(GOOGLE_TOKEN_URL)).build();
            FirebaseOptions.Builder options = FirebaseOptions.builder()
                    .setCredentials(credentials)
                    .setProjectId(credential.settings().get(FcmCredential.PROJECT_ID))
                    .setConnectTimeout((int) settings.connectTimeout().toMillis())
                    .setReadTimeout((int) settings.readTimeout().toMillis());
            if (transport != null) {
                options.setHttpTransport(transport);
            }
            return FirebaseApp.initializeApp(options.build(), "herald-" + credential.appId() + "-" + UUID.randomUUID());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the FCM service account of app " + credential.appId(), e);
        }
    }

    /**
     * The SDK's transport with Google's FCM root and token endpoint replaced, or null for the
     * SDK's default. The SDK takes its host from no setting, but it takes any
     * {@link HttpTransport}: this one opens each connection at the configured root instead of
     * Google's, bypassing system proxies.
     */
    private HttpTransport transport() {
        String root = blankToNull(settings.rootUrl());
        String tokenUrl = blankToNull(settings.tokenUrl());
        if (root == null && tokenUrl == null) {
            return null;
        }
        return new NetHttpTransport.Builder().setConnectionFactory(url -> {
            String target = url.toString();
            URL routed = url;
            if (tokenUrl != null && target.equals(GOOGLE_TOKEN_URL)) {
                routed = new URL(tokenUrl);
            } else if (root != null && target.startsWith(GOOGLE_ROOT)) {
                routed = new URL(root.replaceAll("/+$", "") + target.substring(GOOGLE_ROOT.length()));
            }
            return (HttpURLConnection) routed.openConnection(Proxy.NO_PROXY);
        }).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @PreDestroy
    @Override
    public void close() {
        clients.values().forEach(c -> c.app.delete());
        clients.clear();
    }
}
