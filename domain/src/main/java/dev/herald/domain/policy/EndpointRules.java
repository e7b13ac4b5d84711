package dev.herald.domain.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Web Push endpoints are URLs an end user's browser hands over, so an attacker chooses them.
 * These rules say which a server may ever contact: https only, and never an address inside
 * the server's own network (loopback, private, link-local incl. cloud metadata, CGNAT,
 * unique-local, multicast, unspecified).
 */
public final class EndpointRules {

    private EndpointRules() {
    }

    /** Why a URL is not a usable push endpoint, before any address is looked up. */
    public static Optional<String> checkUrl(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return Optional.of("a Web Push endpoint is an https URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("a Web Push endpoint is an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("a Web Push endpoint carries no user name or password");
        }
        return Optional.empty();
    }

    /** Why an address must not be contacted, or empty when it is a public one. */
    public static Optional<String> forbiddenAddress(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return forbiddenAddress(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException impossible) {
                    return Optional.of("an unreadable address");
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local address");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (incl. cloud metadata)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return Optional.of("a reserved address");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a carrier-grade NAT address");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("a reserved address");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a benchmarking address");
            }
        }
        return Optional.empty();
    }
}
