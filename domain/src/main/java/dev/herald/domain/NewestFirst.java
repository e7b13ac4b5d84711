package dev.herald.domain;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keyset pages of an org's rows, newest first: {@code after} is the id of the last row of the
 * previous page. The table needs {@code org_id}, {@code created_at} and {@code id} (and an
 * index on them).
 */
public final class NewestFirst {

    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private NewestFirst() {
    }

    /** @param table a constant table name, never user input */
    public static <T> List<T> page(JdbcOperations jdbc, String table, UUID orgId, UUID after, int limit, Row<T> row) {
        String sql = after == null
                ? "select * from " + table + " where org_id = ? order by created_at desc, id desc limit ?"
                : "select * from " + table + " t where org_id = ?"
                  + " and (created_at, id) < (select created_at, id from " + table + " p where p.id = ? and p.org_id = t.org_id)"
                  + " order by created_at desc, id desc limit ?";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, orgId);
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, limit);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        });
    }
}
