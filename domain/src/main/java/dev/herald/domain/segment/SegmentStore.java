package dev.herald.domain.segment;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NewestFirst;
import dev.herald.domain.NotFoundException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Saved segments and the evaluation of audience filters over an org's users and devices. */
@Singleton
@Transactional
public class SegmentStore {

    public static final int SAMPLE_SIZE = 10;

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public SegmentStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** How many users and enabled devices an audience has now, and a few of its users. */
    public record Preview(long users, long devices, List<String> sampleUserIds) {
    }

    public Segment create(UUID orgId, String name, AudienceFilter filter, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.prepareStatement("insert into segments (id, org_id, name, filter, created_at, updated_at) values (?, ?, ?, ?::jsonb, ?, ?)", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            ps.setString(3, name);
            ps.setString(4, json.write(AudienceFilters.toJson(filter)));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return get(orgId, id);
    }

    public Segment update(UUID orgId, UUID id, String name, AudienceFilter filter, Instant now) {
        int updated = jdbc.prepareStatement("update segments set name = ?, filter = ?::jsonb, updated_at = ? where org_id = ? and id = ?", ps -> {
            ps.setString(1, name);
            ps.setString(2, json.write(AudienceFilters.toJson(filter)));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, orgId);
            ps.setObject(5, id);
            return ps.executeUpdate();
        });
        if (updated == 0) {
            throw new NotFoundException("Segment " + id);
        }
        return get(orgId, id);
    }

    public void delete(UUID orgId, UUID id) {
        int deleted = jdbc.prepareStatement("delete from segments where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
        if (deleted == 0) {
            throw new NotFoundException("Segment " + id);
        }
    }

    public Optional<Segment> find(UUID orgId, UUID id) {
        return jdbc.prepareStatement("select * from segments where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public Segment get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Segment " + id));
    }

    /** The stored filter of a segment, parsed. */
    public AudienceFilter filterOf(Segment segment) {
        return AudienceFilters.parse(segment.filterJson(), "filter").filter();
    }

    /** Newest first; {@code after} is the id of the last segment of the previous page. */
    public List<Segment> list(UUID orgId, UUID after, int limit) {
        return NewestFirst.page(jdbc, "segments", orgId, after, limit, this::read);
    }

    public Preview preview(UUID orgId, AudienceFilter filter) {
        AudienceSql.Fragment where = AudienceSql.where(filter);
        String from = " from devices d join users u on u.id = d.user_id where d.org_id = ? and d.enabled and " + where.sql();
        long[] counts = jdbc.prepareStatement("select count(distinct d.user_id), count(*)" + from, ps -> {
            ps.setObject(1, orgId);
            SqlParams.bind(ps, 2, where.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        });
        List<String> sample = jdbc.prepareStatement(
                "select u.external_id from users u where u.id in (select d.user_id" + from + ") order by u.external_id limit " + SAMPLE_SIZE, ps -> {
                    ps.setObject(1, orgId);
                    SqlParams.bind(ps, 2, where.params());
                    List<String> ids = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                    return ids;
                });
        return new Preview(counts[0], counts[1], sample);
    }

    private Segment read(ResultSet rs) throws SQLException {
        Map<String, Object> filter = json.readObject(rs.getString("filter"));
        return new Segment(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"), filter,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
