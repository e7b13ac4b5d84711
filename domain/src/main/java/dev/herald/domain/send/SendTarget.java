package dev.herald.domain.send;

import dev.herald.domain.segment.AudienceFilter;

import java.util.List;
import java.util.UUID;

/** Whom a send addresses: exactly one kind of target (S3). */
public sealed interface SendTarget {

    enum Kind {
        /** Users by external id (userIds or a CSV upload): all their enabled devices. */
        USERS,
        /** Raw device tokens. */
        DEVICES,
        /** A saved segment or an inline filter, evaluated when the send starts. */
        AUDIENCE
    }

    Kind kind();

    record Users(List<String> externalIds) implements SendTarget {
        public Kind kind() {
            return Kind.USERS;
        }
    }

    record Tokens(List<String> tokens) implements SendTarget {
        public Kind kind() {
            return Kind.DEVICES;
        }
    }

    /** {@code segmentId} when the audience is a saved segment (its filter is read at send time), else an inline filter. */
    record Audience(UUID segmentId, AudienceFilter filter) implements SendTarget {
        public Kind kind() {
            return Kind.AUDIENCE;
        }
    }
}
