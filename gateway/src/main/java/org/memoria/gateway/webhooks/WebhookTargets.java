package org.memoria.gateway.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which URLs a webhook may be delivered to: no server-side request forgery. A receiver must be reached over http(s)
 * at a name or address that resolves only to public addresses: never the gateway's own host, the cluster's network,
 * a cloud metadata service or anything else on a private network. The check runs when a subscription is made and
 * again before every delivery (a name may resolve elsewhere later); redirects are never followed.
 */
public final class WebhookTargets {

    /** Longest URL accepted. */
    static final int MAX_LENGTH = 2000;

    private WebhookTargets() {
    }

    /**
     * Why the URL may not receive webhooks, or empty if it may.
     *
     * @param allowLoopback whether 127.0.0.1 and ::1 are allowed (the local stack and tests)
     */
    public static Optional<String> refusal(String url, boolean allowLoopback) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("has no host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve: " + uri.getHost());
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address, allowLoopback);
            if (refused.isPresent()) {
                return Optional.of("resolves to " + address.getHostAddress() + ", " + refused.get()
                        + ": webhooks go only to public addresses");
            }
        }
        return Optional.empty();
    }

    static Optional<String> refusal(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (such as a cloud metadata service)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19))) {
                return Optional.of("a reserved or shared address");
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address: judge that one
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return refusal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)), allowLoopback);
                } catch (UnknownHostException e) {
                    return Optional.of("an address that cannot be read");
                }
            }
        }
        return Optional.empty();
    }
}
