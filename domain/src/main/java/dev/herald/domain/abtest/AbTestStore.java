package dev.herald.domain.abtest;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NewestFirst;
import dev.herald.domain.NotFoundException;
import dev.herald.domain.send.DeviceIdRange;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A/B tests and their per-variant stats, counted from the ledger. */
@Singleton
@Transactional
public class AbTestStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public AbTestStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a test is made of, as created or replaced. */
    public record Definition(String name, AbMetric metric, List<AbVariant> variants, AutoPromote autoPromote) {
    }

    public AbTest create(UUID orgId, Definition d) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.prepareStatement("""
                insert into ab_tests (id, org_id, name, metric, variants, auto_promote, created_at, updated_at)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, orgId);
            ps.setString(3, d.name());
            ps.setString(4, d.metric().name());
            ps.setString(5, json.write(d.variants()));
            ps.setString(6, d.autoPromote() == null ? null : json.write(d.autoPromote()));
            ps.setTimestamp(7, now);
            ps.setTimestamp(8, now);
            return ps.executeUpdate();
        });
        return get(orgId, id);
    }

    public AbTest replace(UUID orgId, UUID id, Definition d) {
        int updated = jdbc.prepareStatement("""
                update ab_tests set name = ?, metric = ?, variants = ?::jsonb, auto_promote = ?::jsonb, updated_at = ?
                where org_id = ? and id = ?
                """, ps -> {
            ps.setString(1, d.name());
            ps.setString(2, d.metric().name());
            ps.setString(3, json.write(d.variants()));
            ps.setString(4, d.autoPromote() == null ? null : json.write(d.autoPromote()));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.setObject(6, orgId);
            ps.setObject(7, id);
            return ps.executeUpdate();
        });
        if (updated == 0) {
            throw new NotFoundException("A/B test " + id);
        }
        return get(orgId, id);
    }

    /**
     * Declares the winner. An automatic declaration does not override one already made (by hand,
     * or by an earlier run); a manual one always does. Returns the test as it now stands.
     */
    public AbTest declareWinner(UUID orgId, UUID id, String variant, String source, Instant at) {
        boolean manual = "manual".equals(source);
        int updated = jdbc.prepareStatement("""
                update ab_tests set winner = ?, winner_source = ?, winner_declared_at = ?, updated_at = ?
                where org_id = ? and id = ? and (? or winner is null)
                """, ps -> {
            ps.setString(1, variant);
            ps.setString(2, source);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setObject(5, orgId);
            ps.setObject(6, id);
            ps.setBoolean(7, manual);
            return ps.executeUpdate();
        });
        if (updated == 0 && find(orgId, id).isEmpty()) {
            throw new NotFoundException("A/B test " + id);
        }
        return get(orgId, id);
    }

    public boolean delete(UUID orgId, UUID id) {
        return jdbc.prepareStatement("delete from ab_tests where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            return ps.executeUpdate() > 0;
        });
    }

    public Optional<AbTest> find(UUID orgId, UUID id) {
        return jdbc.prepareStatement("select * from ab_tests where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    public AbTest get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("A/B test " + id));
    }

    /** Newest first; {@code after} is the id of the last test of the previous page. */
    public List<AbTest> list(UUID orgId, UUID after, int limit) {
        return NewestFirst.page(jdbc, "ab_tests", orgId, after, limit, this::read);
    }

    /** Whether a test of the org names the template in a variant. */
    public boolean usesTemplate(UUID orgId, UUID templateId) {
        return jdbc.prepareStatement("""
                select exists (select 1 from ab_tests t, jsonb_array_elements(t.variants) v
                               where t.org_id = ? and v ->> 'templateId' = ?)
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, templateId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** Whether any push has gone out under the test: from then on its variants' keys and weights are fixed. */
    public boolean started(UUID testId) {
        return jdbc.prepareStatement("select exists (select 1 from deliveries where ab_test_id = ?)", ps -> {
            ps.setObject(1, testId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** Records which variant each device of a send got, once its ledger rows exist. */
    public void recordVariants(UUID sendId, UUID testId, Map<UUID, String> variantByDevice) {
        if (variantByDevice.isEmpty()) {
            return;
        }
        List<UUID> devices = List.copyOf(variantByDevice.keySet());
        jdbc.prepareStatement("""
                update deliveries set ab_test_id = ?, variant = o.variant
                from unnest(?::uuid[], ?::text[]) as o(device_id, variant)
                where deliveries.send_id = ? and deliveries.device_id = o.device_id and deliveries.device_id between ? and ?
                """, ps -> {
            DeviceIdRange range = DeviceIdRange.of(devices);
            ps.setObject(1, testId);
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", devices.toArray()));
            ps.setArray(3, ps.getConnection().createArrayOf("text", devices.stream().map(variantByDevice::get).toArray()));
            ps.setObject(4, sendId);
            ps.setObject(5, range.from());
            ps.setObject(6, range.to());
            return ps.executeUpdate();
        });
    }

    /**
     * Per-variant stats of a test in its variants' order, counted in users: sent (at least one
     * accepted push), opened and clicked (an accepted push, on any of their devices). Only
     * accepted rows count, so opened and clicked never exceed sent (an open stamped on a row that
     * later failed, say, would otherwise make more openers than recipients).
     */
    public List<VariantStats> stats(AbTest test) {
        Map<String, VariantStats> byKey = jdbc.prepareStatement("""
                select variant,
                       count(distinct user_id),
                       count(distinct user_id) filter (where opened_at is not null),
                       count(distinct user_id) filter (where clicked_at is not null)
                from deliveries where ab_test_id = ? and status = 'ACCEPTED' group by variant
                """, ps -> {
            ps.setObject(1, test.id());
            Map<String, VariantStats> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new VariantStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return found;
        });
        return test.variants().stream().map(v -> byKey.getOrDefault(v.key(), new VariantStats(v.key(), 0, 0, 0))).toList();
    }

    private AbTest read(ResultSet rs) throws SQLException {
        String autoPromote = rs.getString("auto_promote");
        Timestamp declared = rs.getTimestamp("winner_declared_at");
        return new AbTest(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                AbMetric.valueOf(rs.getString("metric")),
                json.read(rs.getString("variants"), Argument.listOf(AbVariant.class)),
                autoPromote == null ? null : json.read(autoPromote, Argument.of(AutoPromote.class)),
                rs.getString("winner"), rs.getString("winner_source"), declared == null ? null : declared.toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
