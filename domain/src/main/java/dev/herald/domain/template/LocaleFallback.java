package dev.herald.domain.template;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the localized text for a recipient: the exact locale ({@code es-MX}), else its language
 * ({@code es}), else none (the default text). This is RFC 4647 "lookup", which the JDK implements.
 */
public final class LocaleFallback {

    private LocaleFallback() {
    }

    /** The key of {@code available} to use for {@code wanted}; empty means the default text. */
    public static Optional<String> pick(Collection<String> available, String wanted) {
        if (wanted == null || wanted.isBlank() || available.isEmpty()) {
            return Optional.empty();
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(wanted.trim().replace('_', '-')), available);
            return Optional.ofNullable(tag);
        } catch (IllegalArgumentException notALanguageTag) {
            return Optional.empty();
        }
    }

    /** The recipient's locale: the device's, else the user's. */
    public static String recipientLocale(String deviceLocale, String userLocale) {
        return deviceLocale != null && !deviceLocale.isBlank() ? deviceLocale : userLocale;
    }
}
