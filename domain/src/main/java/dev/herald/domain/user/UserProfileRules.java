package dev.herald.domain.user;

import dev.herald.domain.FieldError;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks of user and device profile fields: IANA time zones, BCP 47 locales, ISO countries, tags. */
public final class UserProfileRules {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    public static final int MAX_TAGS = 100;
    public static final int MAX_TAG_KEY = 128;
    public static final int MAX_TAG_VALUE = 1024;

    private UserProfileRules() {
    }

    public static List<FieldError> validate(String locale, String timezone, String country, Map<String, String> tags) {
        List<FieldError> errors = new ArrayList<>();
        checkLocale("locale", locale, errors);
        checkTimezone("timezone", timezone, errors);
        if (country != null && !COUNTRIES.contains(country)) {
            errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 code such as US or DE"));
        }
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags"));
            }
            tags.forEach((key, value) -> {
                if (key.isBlank() || key.length() > MAX_TAG_KEY) {
                    errors.add(new FieldError("tags", "tag keys are 1 to " + MAX_TAG_KEY + " characters"));
                } else if (value == null || value.length() > MAX_TAG_VALUE) {
                    errors.add(new FieldError("tags." + key, "tag values are strings of at most " + MAX_TAG_VALUE + " characters"));
                }
            });
        }
        return errors;
    }

    public static void checkTimezone(String field, String timezone, List<FieldError> errors) {
        if (timezone == null) {
            return;
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be an IANA time zone such as Europe/Berlin"));
        }
    }

    public static void checkLocale(String field, String locale, List<FieldError> errors) {
        if (locale == null) {
            return;
        }
        try {
            Locale parsed = new Locale.Builder().setLanguageTag(locale).build();
            if (parsed.getLanguage().isEmpty()) {
                errors.add(new FieldError(field, "must be a BCP 47 language tag such as es-MX"));
            }
        } catch (IllformedLocaleException e) {
            errors.add(new FieldError(field, "must be a BCP 47 language tag such as es-MX"));
        }
    }
}
