package dev.herald.domain.send;

import java.util.Collection;
import java.util.Comparator;
import java.util.UUID;

/**
 * The smallest and largest of some device ids in PostgreSQL's uuid order (unsigned, bytewise).
 * A page's ledger statements add {@code device_id between from and to} beside
 * {@code device_id = any(ids)}: the primary key (send_id, device_id) then reads only the
 * page's entries, whatever the planner believes about how many rows the send has (statistics
 * lag a ledger that grows by a million rows in minutes, and a scan of every row of the send
 * per page makes a broadcast quadratic).
 */
public record DeviceIdRange(UUID from, UUID to) {

    /** PostgreSQL's uuid order: Java's {@link UUID#compareTo} compares the halves signed. */
    public static final Comparator<UUID> POSTGRES_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    public static DeviceIdRange of(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no device ids");
        }
        UUID from = null;
        UUID to = null;
        for (UUID id : ids) {
            from = from == null || POSTGRES_ORDER.compare(id, from) < 0 ? id : from;
            to = to == null || POSTGRES_ORDER.compare(id, to) > 0 ? id : to;
        }
        return new DeviceIdRange(from, to);
    }
}
