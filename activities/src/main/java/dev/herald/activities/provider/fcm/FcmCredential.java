package dev.herald.activities.provider.fcm;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.herald.domain.FieldError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An FCM credential: a Firebase service account's JSON key file, as Google hands it out. */
public final class FcmCredential {

    public static final String PROJECT_ID = "projectId";
    public static final String CLIENT_EMAIL = "clientEmail";
    /** Google's OAuth token endpoint, the only one Herald asks for FCM access tokens. */
    public static final String GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
    /** token_uri values Google has put in service-account key files. */
    private static final Set<String> GOOGLE_TOKEN_URIS = Set.of(GOOGLE_TOKEN_URL,
            "https://accounts.google.com/o/oauth2/token", "https://www.googleapis.com/oauth2/v4/token");

    private FcmCredential() {
    }

    /** Problems with a service-account key file, each naming the field at fault. */
    public static List<FieldError> validate(Map<String, Object> serviceAccount, byte[] json) {
        List<FieldError> errors = new ArrayList<>();
        if (!"service_account".equals(serviceAccount.get("type"))) {
            errors.add(new FieldError("serviceAccount.type", "must be service_account (the key file of a Firebase service account)"));
        }
        for (String field : List.of("project_id", "client_email", "private_key")) {
            if (!(serviceAccount.get(field) instanceof String s) || s.isBlank()) {
                errors.add(new FieldError("serviceAccount." + field, "is required"));
            }
        }
        // a key file naming another token endpoint would make Herald post signed requests to any host
        Object tokenUri = serviceAccount.get("token_uri");
        if (tokenUri != null && !GOOGLE_TOKEN_URIS.contains(tokenUri)) {
            errors.add(new FieldError("serviceAccount.token_uri", "must be Google's token endpoint, " + GOOGLE_TOKEN_URL));
        }
        if (errors.isEmpty()) {
            try {
                ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json));
            } catch (IOException | RuntimeException e) {
                errors.add(new FieldError("serviceAccount.private_key", "is not a readable PEM private key"));
            }
        }
        return errors;
    }
}
