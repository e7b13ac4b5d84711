package dev.herald.activities.provider.webpush;

import dev.herald.domain.policy.EndpointRules;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.http.conn.DnsResolver;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SSRF guard for URLs an outsider may choose (Web Push endpoints; apps' JWKS URLs, with
 * its own instance): checked when the URL is registered and again on every connection (as the
 * HTTP client's DNS resolver, so the connection goes to the address that was checked), since a
 * name may resolve elsewhere by the time Herald connects.
 */
@Singleton
public class EndpointGuard implements DnsResolver {

    private final Set<InetAddress> allowed = new HashSet<>();
    private final String what;

    @Inject
    public EndpointGuard(WebPushSettings settings) {
        this(settings.allowList(), "herald.webpush.endpoint-allow-list", "a Web Push endpoint");
    }

    /**
     * A guard for another kind of URL ({@code what}: "a JWKS URL"), with the addresses exempt
     * from it (for tests only) read from the setting {@code allowListSetting}.
     */
    public EndpointGuard(List<String> allowList, String allowListSetting, String what) {
        this.what = what;
        for (String address : allowList) {
            try {
                allowed.add(InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(allowListSetting + ": '" + address + "' is not an address", e);
            }
        }
    }

    /** Why Herald must not send to this endpoint, or empty when it may. */
    public Optional<String> check(String endpoint) {
        return check(endpoint, true);
    }

    /**
     * The check at registration: a name that does not resolve (yet) is let through, since
     * nothing can be contacted there; the check at send time decides again.
     */
    public Optional<String> checkAtRegistration(String endpoint) {
        return check(endpoint, false);
    }

    private Optional<String> check(String endpoint, boolean mustResolve) {
        Optional<String> shape = EndpointRules.checkUrl(endpoint, what);
        if (shape.isPresent()) {
            return shape;
        }
        try {
            resolve(URI.create(endpoint).getHost());
            return Optional.empty();
        } catch (Unresolvable e) {
            return mustResolve ? Optional.of(e.getMessage()) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static final class Unresolvable extends UnknownHostException {
        Unresolvable(String message) {
            super(message);
        }
    }

    /** Resolves a host, refusing it when any of its addresses is an internal one. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Unresolvable("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (allowed.contains(address)) {
                continue;
            }
            Optional<String> forbidden = EndpointRules.forbiddenAddress(address);
            if (forbidden.isPresent()) {
                throw new UnknownHostException("the host " + host + " is " + forbidden.get());
            }
        }
        return addresses;
    }
}
