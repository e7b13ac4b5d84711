package dev.herald.domain.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Web Push endpoints are URLs an end user's browser hands over, and an app's JWKS URL is given
 * by whoever holds an admin key, so an attacker may choose them.
 * These rules say which a server may ever contact: https only, and never an address inside
 * the server's own network (loopback, private, link-local incl. cloud metadata, CGNAT,
 * unique-local, multicast, unspecified).
 */
public final class EndpointRules {

    private EndpointRules() {
    }

    /** Why a URL is not a usable push endpoint, before any address is looked up. */
    public static Optional<String> checkUrl(String endpoint) {
        return checkUrl(endpoint, "a Web Push endpoint");
    }

    /**
     * Why a URL ({@code what}: "a Web Push endpoint", "a JWKS URL") must not be contacted, before
     * any address is looked up: it is https, names a host, carries no credentials, and the host
     * is not a name of the local network.
     */
    public static Optional<String> checkUrl(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of(what + " is an https URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of(what + " is an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(what + " carries no user name or password");
        }
        return forbiddenHostName(uri.getHost()).map(reason -> what + " must not name " + reason);
    }

    /**
     * Names that lead into the server's own network whatever they resolve to here: localhost,
     * mDNS ({@code .local}), the reserved {@code .internal} (cloud metadata such as
     * metadata.google.internal) and single-label names (completed by the local search domains).
     */
    public static Optional<String> forbiddenHostName(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[")) {
            return Optional.empty();
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of("localhost (a loopback host)");
        }
        if (name.endsWith(".internal") || name.endsWith(".local")) {
            return Optional.of("a host of a local network (" + name + ")");
        }
        if (!name.contains(".")) {
            return Optional.of("a single-label host name (" + name + "), which the local network completes");
        }
        return Optional.empty();
    }

    /** Why an address must not be contacted, or empty when it is a public one. */
    public static Optional<String> forbiddenAddress(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return embeddedIpv4(b, 12);
            }
            if (zeros(b, 0, 12) && !zeros(b, 12, 16) && !(zeros(b, 12, 15) && b[15] == 1)) {
                // IPv4-compatible (::a.b.c.d), long deprecated
                return embeddedIpv4(b, 12);
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48): a gateway reaches the IPv4 address at the end
                return (b[4] == 0 && b[5] == 1) ? Optional.of("a local-use NAT64 address") : embeddedIpv4(b, 12);
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                // 6to4 (2002::/16) carries an IPv4 address in its next 32 bits
                return embeddedIpv4(b, 2);
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return Optional.of("a Teredo tunnelling address");
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

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The rules for the IPv4 address a translating or tunnelling IPv6 address leads to. */
    private static Optional<String> embeddedIpv4(byte[] bytes, int at) {
        try {
            return forbiddenAddress(InetAddress.getByAddress(new byte[]{bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]}))
                    .map(reason -> reason + " behind an IPv6 address");
        } catch (java.net.UnknownHostException impossible) {
            return Optional.of("an unreadable address");
        }
    }
}
