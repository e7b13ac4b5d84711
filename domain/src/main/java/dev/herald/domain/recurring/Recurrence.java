package dev.herald.domain.recurring;

import dev.herald.domain.FieldError;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** When a recurring send fires: exactly one of a cron expression or an interval, and a time zone. */
public final class Recurrence {

    public static final long MIN_INTERVAL_SECONDS = 60;
    public static final long MAX_INTERVAL_SECONDS = 366L * 24 * 3600;
    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,\\-#LW]+");

    private Recurrence() {
    }

    public static List<FieldError> validate(String cron, Long intervalSeconds, String timeZone) {
        List<FieldError> errors = new ArrayList<>();
        if ((cron == null) == (intervalSeconds == null)) {
            errors.add(new FieldError("cron", "a recurring send has exactly one of cron (e.g. \"0 9 * * MON\") or intervalSeconds"));
        } else if (cron != null && !validCron(cron)) {
            errors.add(new FieldError("cron", "must be a cron expression of 5 fields (minute hour day-of-month month day-of-week) or @daily, @hourly, @weekly, @monthly, @yearly"));
        } else if (intervalSeconds != null && (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS)) {
            errors.add(new FieldError("intervalSeconds", "must be between " + MIN_INTERVAL_SECONDS + " (a minute) and " + MAX_INTERVAL_SECONDS + " (a year)"));
        }
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        return errors;
    }

    static boolean validCron(String cron) {
        String trimmed = cron.trim();
        if (MACROS.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                return false;
            }
        }
        return true;
    }
}
