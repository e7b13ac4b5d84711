package dev.herald.domain.automation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in definitions: {@code 90s}, {@code 30m}, {@code 1h30m},
 * {@code 3d}, {@code 2w}, or ISO-8601 ({@code PT1H}, {@code P3D}).
 */
public final class Durations {

    public static final String HINT = "write e.g. 30m, 1h, 3d or ISO-8601 PT1H";
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(w|d|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(\\s*\\d+\\s*[wdhms]\\s*)+");

    private Durations() {
    }

    /** The duration a value writes; empty when it writes none, or one too long for any duration to hold. */
    public static Optional<Duration> parse(Object value) {
        return Optional.ofNullable(read(value).duration());
    }

    /** Whether a value is written as a duration but is too long for any duration to hold ({@code 99999999999999999999d}). */
    public static boolean tooLong(Object value) {
        return read(value).tooLong();
    }

    private record Reading(Duration duration, boolean tooLong) {
        static final Reading NONE = new Reading(null, false);
        static final Reading TOO_LONG = new Reading(null, true);
    }

    private static Reading read(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return Reading.NONE;
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return new Reading(Duration.parse(s.toUpperCase(Locale.ROOT)), false);
            } catch (DateTimeParseException e) {
                // Duration.parse reports a number too big for it as a parse error caused by the overflow
                return e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException
                        ? Reading.TOO_LONG : Reading.NONE;
            }
        }
        if (!WHOLE.matcher(s).matches()) {
            return Reading.NONE;
        }
        try {
            Duration total = Duration.ZERO;
            Matcher m = PART.matcher(s);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
            return new Reading(total, false);
        } catch (NumberFormatException | ArithmeticException overflow) {
            // the pattern admits digits only, so a number that does not parse is too big for a long
            return Reading.TOO_LONG;
        }
    }

    /** How a duration reads in summaries: {@code 1d 2h}, {@code 30m}. */
    public static String format(Duration d) {
        StringBuilder s = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            s.append(days).append("d ");
        }
        if (d.toHoursPart() > 0) {
            s.append(d.toHoursPart()).append("h ");
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append("m ");
        }
        if (d.toSecondsPart() > 0 || s.isEmpty()) {
            s.append(d.toSecondsPart()).append("s ");
        }
        return s.toString().trim();
    }
}
