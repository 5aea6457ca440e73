package dev.parley.web;

import java.net.URI;
import java.util.List;

/**
 * The page's Content-Security-Policy: scripts, styles and everything else from the page's own origin only
 * (no inline script or style, no eval), and media from the object store the message URLs point to. A script
 * injected into a message could then neither run nor send a token anywhere.
 */
final class PageSecurityPolicy {

    /** Where media live when no endpoint is configured: AWS S3. */
    static final String AWS_S3_ORIGIN = "https://*.amazonaws.com";

    private PageSecurityPolicy() {
    }

    /** The policy for a page that loads media from these origins. */
    static String forMediaOrigins(List<String> mediaOrigins) {
        String media = String.join(" ", mediaOrigins);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: " + media
                + "; media-src 'self' blob: " + media + "; connect-src 'self' " + media
                + "; form-action 'none'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";
    }

    /** The origin (scheme, host, port) of an endpoint, as a CSP source. */
    static String origin(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
    }
}
