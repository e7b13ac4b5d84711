package dev.herald.api.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/**
 * Why a request has no caller, for the 401's detail: the token validators note what was wrong
 * with a credential of their kind on the request; a request whose credential neither of them
 * recognised is explained from its headers.
 */
public final class AuthRefusals {

    private static final String ATTRIBUTE = "herald.auth.refusal";

    static final String EXPECTED = "send a server API key as `x-api-key: <key>` (or `Authorization: Key <key>`), "
            + "or an end user's session as `Authorization: Bearer <session JWT>`";

    private AuthRefusals() {
    }

    /** Notes why the request's credential was refused; the first note stands. */
    static void note(HttpRequest<?> request, String why) {
        if (request.getAttribute(ATTRIBUTE).isEmpty()) {
            request.setAttribute(ATTRIBUTE, why);
        }
    }

    /** What the request's credentials lacked, in words a newcomer can act on. */
    public static String detail(HttpRequest<?> request) {
        var noted = request.getAttribute(ATTRIBUTE, String.class);
        if (noted.isPresent()) {
            return noted.get();
        }
        String apiKey = request.getHeaders().get("x-api-key");
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (apiKey == null && authorization == null) {
            return "No credentials: " + EXPECTED + ".";
        }
        if (authorization != null && apiKey == null) {
            String[] parts = authorization.strip().split("\\s+", 2);
            String scheme = parts[0];
            if (parts.length < 2 || !(scheme.equalsIgnoreCase("Key") || scheme.equalsIgnoreCase("Bearer"))) {
                String found = parts.length < 2 && (scheme.equalsIgnoreCase("Key") || scheme.equalsIgnoreCase("Bearer"))
                        ? "it has nothing after " + scheme
                        : scheme.matches("[A-Za-z-]{1,16}") && parts.length == 2 ? "its scheme is `" + scheme + "`"
                        : "it has no scheme: put `Key ` or `Bearer ` before the credential";
                return "The Authorization header must be `Key <API key>` or `Bearer <session JWT>`; " + found + ".";
            }
        }
        return "The credential is neither an API key (hk_<32 hex digits>_<43 characters>) nor a session JWT "
                + "(three base64url parts joined by dots): " + EXPECTED + ".";
    }
}
