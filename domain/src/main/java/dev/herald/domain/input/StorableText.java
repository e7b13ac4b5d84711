package dev.herald.domain.input;

import java.util.Optional;

/**
 * Text PostgreSQL can store: UTF-8 in {@code text} and {@code jsonb} has no NUL character, and a
 * Java string becomes UTF-8 only when every UTF-16 surrogate is paired. Checked once where text
 * enters Herald (bodies, paths, queries, headers, uploads), so no field can reach the database
 * with either.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why this text cannot be stored, or empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("contains a NUL character (U+0000), which Herald does not accept in text");
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + "), which is not text");
            }
        }
        return Optional.empty();
    }

    /** The text with NUL characters and unpaired surrogates replaced (U+FFFD), to quote it back safely. */
    public static String printable(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
