package dev.herald.activities.provider.webpush;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.RedirectStrategy;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.concurrent.FutureCallback;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.impl.nio.client.CloseableHttpAsyncClient;
import org.apache.http.impl.nio.client.HttpAsyncClients;
import org.apache.http.impl.nio.conn.PoolingNHttpClientConnectionManager;
import org.apache.http.impl.nio.reactor.DefaultConnectingIOReactor;
import org.apache.http.impl.nio.reactor.IOReactorConfig;
import org.apache.http.nio.conn.SchemeIOSessionStrategy;
import org.apache.http.nio.conn.ssl.SSLIOSessionStrategy;
import org.apache.http.protocol.HttpContext;
import org.apache.http.ssl.SSLContexts;

import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The HTTP client Web Push requests go through: every connection resolves its host through
 * the {@link EndpointGuard}, redirects are never followed, no system proxy is used, and a
 * bound holds the requests in flight.
 */
@Singleton
public class WebPushClient implements AutoCloseable {

    private static final RedirectStrategy NEVER = new RedirectStrategy() {
        @Override
        public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext context) {
            return false;
        }

        @Override
        public HttpUriRequest getRedirect(HttpRequest request, HttpResponse response, HttpContext context) {
            throw new UnsupportedOperationException("redirects are not followed");
        }
    };

    private final CloseableHttpAsyncClient client;
    private final Semaphore inFlight;

    public WebPushClient(WebPushSettings settings, EndpointGuard guard) {
        try {
            SSLContext ssl = sslContext(settings);
            var connections = new PoolingNHttpClientConnectionManager(
                    new DefaultConnectingIOReactor(IOReactorConfig.custom().setIoThreadCount(2).build()),
                    null,
                    RegistryBuilder.<SchemeIOSessionStrategy>create()
                            // https only: a plain-http endpoint has no scheme to connect with
                            .register("https", new SSLIOSessionStrategy(ssl))
                            .build(),
                    null, guard, -1, java.util.concurrent.TimeUnit.MILLISECONDS);
            connections.setMaxTotal(settings.maxInFlight());
            connections.setDefaultMaxPerRoute(Math.max(10, settings.maxInFlight() / 4));
            this.client = HttpAsyncClients.custom()
                    .setConnectionManager(connections)
                    .setRedirectStrategy(NEVER)
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setConnectTimeout((int) settings.connectTimeout().toMillis())
                            .setConnectionRequestTimeout((int) settings.responseTimeout().toMillis())
                            .setSocketTimeout((int) settings.responseTimeout().toMillis())
                            .setRedirectsEnabled(false)
                            .build())
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the Web Push HTTP client", e);
        }
        this.client.start();
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /** Posts once a slot is free; completes with the push service's response or the failure. */
    public CompletableFuture<HttpResponse> post(HttpPost post) {
        inFlight.acquireUninterruptibly();
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        client.execute(post, new FutureCallback<>() {
            @Override
            public void completed(HttpResponse response) {
                inFlight.release();
                result.complete(response);
            }

            @Override
            public void failed(Exception e) {
                inFlight.release();
                result.completeExceptionally(e);
            }

            @Override
            public void cancelled() {
                inFlight.release();
                result.cancel(false);
            }
        });
        return result;
    }

    private static SSLContext sslContext(WebPushSettings settings) throws GeneralSecurityException, IOException {
        if (settings.trustedServerCertificate() == null || settings.trustedServerCertificate().isBlank()) {
            return SSLContexts.createDefault();
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new FileInputStream(settings.trustedServerCertificate())) {
            trust.setCertificateEntry("web-push-endpoint", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return SSLContexts.custom().loadTrustMaterial(trust, null).build();
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        client.close();
    }
}
