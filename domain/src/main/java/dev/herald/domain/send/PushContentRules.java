package dev.herald.domain.send;

import dev.herald.domain.FieldError;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Checks of a send's content that hold for every provider (S3). */
public final class PushContentRules {

    public static final int MAX_COLLAPSE_ID_BYTES = 64;

    private PushContentRules() {
    }

    public static List<FieldError> validate(PushContent content) {
        List<FieldError> errors = new ArrayList<>();
        if (content.effectivePushType() == PushType.ALERT && blank(content.title()) && blank(content.body())) {
            errors.add(new FieldError("body", "an alert needs a title or a body (use pushType background for a silent push)"));
        }
        if (content.collapseId() != null && content.collapseId().getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            errors.add(new FieldError("collapseId", "must be at most " + MAX_COLLAPSE_ID_BYTES + " bytes"));
        }
        checkUrl("url", content.url(), errors);
        checkUrl("imageUrl", content.imageUrl(), errors);
        return errors;
    }

    private static void checkUrl(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null) {
                errors.add(new FieldError(field, "must be an absolute URL or deep link (scheme://…)"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be an absolute URL or deep link (scheme://…)"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The field to blame for an oversize payload: whichever of title, body and data is largest. */
    public static String largestPart(PushContent content, int dataBytes) {
        int title = content.title() == null ? 0 : content.title().getBytes(StandardCharsets.UTF_8).length;
        int body = content.body() == null ? 0 : content.body().getBytes(StandardCharsets.UTF_8).length;
        if (dataBytes >= title && dataBytes >= body) {
            return "data";
        }
        return body >= title ? "body" : "title";
    }
}
