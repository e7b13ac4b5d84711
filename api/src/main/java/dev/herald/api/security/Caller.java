package dev.herald.api.security;

import dev.herald.domain.tenancy.Scope;
import io.micronaut.security.authentication.Authentication;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a server with an org API key, or an end user's client with a session JWT
 * (which also names the app and the user).
 */
public record Caller(Kind kind, UUID orgId, UUID appId, String userId, Set<Scope> scopes) {

    public enum Kind { API_KEY, SESSION }

    private static final String KIND = "kind";
    private static final String ORG = "orgId";
    private static final String APP = "appId";
    private static final String USER = "userId";

    public static Caller of(Authentication authentication) {
        Map<String, Object> a = authentication.getAttributes();
        Kind kind = Kind.valueOf((String) a.get(KIND));
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        authentication.getRoles().forEach(r -> scopes.add(Scope.valueOf(r)));
        return new Caller(kind, UUID.fromString((String) a.get(ORG)),
                a.get(APP) == null ? null : UUID.fromString((String) a.get(APP)), (String) a.get(USER), scopes);
    }

    public Authentication toAuthentication(String name) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(KIND, kind.name());
        attributes.put(ORG, orgId.toString());
        if (appId != null) {
            attributes.put(APP, appId.toString());
        }
        if (userId != null) {
            attributes.put(USER, userId);
        }
        return Authentication.build(name, scopes.stream().map(Scope::name).toList(), attributes);
    }

    public boolean isServer() {
        return kind == Kind.API_KEY;
    }
}
