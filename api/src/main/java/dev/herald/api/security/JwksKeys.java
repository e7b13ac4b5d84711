package dev.herald.api.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.herald.activities.provider.webpush.EndpointGuard;
import dev.herald.domain.tenancy.App;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.ssl.SSLContexts;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The keys of apps' identity providers (their {@code jwksUrl}). A JWKS URL is an SSRF path:
 * an admin chooses it and any caller presenting a token that names the app makes Herald fetch
 * it. So it gets the Web Push endpoint guard ({@link EndpointGuard}, its own instance): https
 * only, no internal address at registration and again at every connection (the connection goes
 * to the address that was checked), no redirects, no proxy, short timeouts and a size cap; and
 * each app's keys are fetched at most once per {@code minFetchInterval}, whatever the tokens
 * say (an unknown key id waits for the next allowed fetch). A fetch that fails leaves the keys
 * fetched before in use, and says why to the callers it fails.
 */
@Singleton
public class JwksKeys implements AutoCloseable {

    static final String WHAT = "a JWKS URL";

    private final JwksSettings settings;
    private final EndpointGuard guard;
    private final CloseableHttpClient client;
    private final Map<UUID, AppKeys> apps = new ConcurrentHashMap<>();

    public JwksKeys(JwksSettings settings) {
        this.settings = settings;
        this.guard = new EndpointGuard(settings.allowList(), "herald.jwks.address-allow-list", WHAT);
        int connect = (int) settings.connectTimeout().toMillis();
        int read = (int) settings.readTimeout().toMillis();
        var connections = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory>create()
                        // https only: a plain-http URL has no scheme to connect with
                        .register("https", new SSLConnectionSocketFactory(sslContext(settings)))
                        .build(),
                null, null, guard, -1, TimeUnit.MILLISECONDS);
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(connect)
                        .setConnectionRequestTimeout(connect)
                        .setSocketTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                .build();
    }

    /** Why Herald must not fetch keys from this URL, checked when an app is given it. */
    public Optional<String> checkAtRegistration(String url) {
        return guard.checkAtRegistration(url);
    }

    /** The key source of an app that has a JWKS URL. */
    public JWKSource<SecurityContext> of(App app) {
        return apps.compute(app.id(), (id, known) -> known != null && known.url.equals(app.jwksUrl()) ? known : new AppKeys(app.jwksUrl()));
    }

    /** One app's fetched keys, the time of the last fetch and why it failed, if it did. */
    private final class AppKeys implements JWKSource<SecurityContext> {
        private final String url;
        private JWKSet keys;
        private long fetchedAt;
        private long lastAttempt;
        private boolean attempted;
        private String failure;

        AppKeys(String url) {
            this.url = url;
        }

        @Override
        public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            long now = System.nanoTime();
            boolean stale = keys == null || now - fetchedAt > settings.cacheTtl().toNanos();
            List<JWK> found = keys == null ? List.of() : selector.select(keys);
            if (!found.isEmpty() && !stale) {
                return found;
            }
            if (!attempted || now - lastAttempt >= settings.minFetchInterval().toNanos()) {
                attempted = true;
                lastAttempt = now;
                try {
                    keys = fetch(url);
                    fetchedAt = System.nanoTime();
                    failure = null;
                } catch (FetchFailed e) {
                    failure = e.getMessage();
                }
                found = keys == null ? List.of() : selector.select(keys);
            }
            if (found.isEmpty() && failure != null) {
                throw new KeySourceException("the app's JWKS (" + url + ") could not be fetched: " + failure
                        + "; Herald fetches it at most once every " + settings.minFetchInterval().toSeconds() + " s");
            }
            return found;
        }
    }

    private static final class FetchFailed extends Exception {
        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }

    private JWKSet fetch(String url) throws FetchFailed {
        Optional<String> refused = guard.check(url);
        if (refused.isPresent()) {
            throw new FetchFailed(refused.get());
        }
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", "application/jwk-set+json, application/json");
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos() + 2 * settings.readTimeout().toNanos();
        try (CloseableHttpResponse response = client.execute(get)) {
            int status = response.getStatusLine().getStatusCode();
            if (status != 200) {
                throw new FetchFailed("it answered HTTP " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
            }
            if (response.getEntity() == null) {
                throw new FetchFailed("it answered with no body");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (InputStream in = response.getEntity().getContent()) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    body.write(buffer, 0, n);
                    if (body.size() > settings.maxBytes()) {
                        get.abort();
                        throw new FetchFailed("its key set is larger than " + settings.maxBytes() / 1024 + " KB");
                    }
                    if (System.nanoTime() > deadline) {
                        get.abort();
                        throw new FetchFailed("its key set did not arrive within " + (settings.readTimeout().toMillis() * 2) / 1000.0 + " s");
                    }
                }
            }
            return JWKSet.parse(body.toString(StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new FetchFailed("its answer is not a JWK set (" + e.getMessage() + ")");
        } catch (UnknownHostException e) {
            throw new FetchFailed(e.getMessage());
        } catch (ConnectTimeoutException e) {
            throw new FetchFailed("no connection within " + settings.connectTimeout().toMillis() / 1000.0 + " s");
        } catch (SocketTimeoutException e) {
            throw new FetchFailed("no answer within " + settings.readTimeout().toMillis() / 1000.0 + " s");
        } catch (SSLException e) {
            throw new FetchFailed("TLS failed (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new FetchFailed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static SSLContext sslContext(JwksSettings settings) {
        try {
            if (settings.trustedServerCertificate() == null || settings.trustedServerCertificate().isBlank()) {
                return SSLContexts.createDefault();
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = new FileInputStream(settings.trustedServerCertificate())) {
                trust.setCertificateEntry("jwks", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            return SSLContexts.custom().loadTrustMaterial(trust, null).build();
        } catch (Exception e) {
            throw new IllegalStateException("herald.jwks.trusted-server-certificate cannot be read", e);
        }
    }

    @PreDestroy
    @Override
    public void close() throws IOException {
        client.close();
    }
}
