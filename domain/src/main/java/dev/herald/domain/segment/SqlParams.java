package dev.herald.domain.segment;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds audience SQL parameters: {@code String[]} as a text array, everything else as itself. */
public final class SqlParams {

    private SqlParams() {
    }

    /** Binds {@code params} from position {@code first}; answers the next free position. */
    public static int bind(PreparedStatement ps, int first, List<Object> params) throws SQLException {
        int i = first;
        for (Object p : params) {
            if (p instanceof String[] array) {
                ps.setArray(i++, ps.getConnection().createArrayOf("text", array));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}
