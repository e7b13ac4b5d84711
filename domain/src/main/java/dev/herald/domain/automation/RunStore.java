package dev.herald.domain.automation;

import dev.herald.domain.JsonCodec;
import dev.herald.domain.NotFoundException;
import io.micronaut.core.annotation.Nullable;
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

/** Runs of automations: who entered when, where each run stands, and what it sent. */
@Singleton
@Transactional
public class RunStore {

    private static final String SELECT = """
            select r.*, a.key as automation_key from automation_runs r join automations a on a.id = r.automation_id
            """;

    private final JdbcOperations jdbc;
    private final JsonCodec json;

    public RunStore(JdbcOperations jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A user about to enter a run, and why. */
    public record Entry(Automation automation, AutomationVersion version, UUID userId, String externalUserId,
                        @Nullable String triggerEvent, @Nullable UUID triggerEventId, Map<String, Object> payload,
                        @Nullable String idempotencyKey) {
    }

    /** The run that was started (or found again for the same idempotency key), or the reason none was. */
    public record Entered(@Nullable AutomationRun run, boolean created, @Nullable EntryRules.Refusal refusal) {
    }

    /**
     * Applies the entry rules and records a new run. Serialised per automation and user, so two
     * events at once never let a user in twice.
     */
    public Entered enter(Entry e, Instant now) {
        if (e.idempotencyKey() != null) {
            // requests with the same key wait for each other here, so a second one finds the first's run
            // instead of racing it into the unique index; taken before the user's lock, always in that order
            jdbc.prepareStatement("select pg_advisory_xact_lock(7, hashtext(? || ':' || ?))", ps -> {
                ps.setString(1, e.automation().id().toString());
                ps.setString(2, e.idempotencyKey());
                ps.executeQuery().close();
                return null;
            });
            Optional<AutomationRun> earlier = byIdempotencyKey(e.automation().id(), e.idempotencyKey());
            if (earlier.isPresent()) {
                return new Entered(earlier.get(), false, null);
            }
        }
        jdbc.prepareStatement("select pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 7))", ps -> {
            ps.setString(1, e.automation().id().toString());
            ps.setString(2, e.userId().toString());
            ps.executeQuery().close();
            return null;
        });
        Optional<AutomationRun> last = jdbc.prepareStatement(SELECT + " where r.automation_id = ? and r.user_id = ? order by r.started_at desc, r.id desc limit 1", ps -> {
            ps.setObject(1, e.automation().id());
            ps.setObject(2, e.userId());
            return first(ps.executeQuery());
        });
        Definition.Entry rule = e.version().parsed().entry();
        Optional<EntryRules.Refusal> refusal = EntryRules.check(rule, last.map(AutomationRun::startedAt).orElse(null),
                last.map(r -> r.status() == RunStatus.RUNNING).orElse(false), now);
        if (refusal.isPresent()) {
            return new Entered(null, false, refusal.get());
        }
        long id = jdbc.prepareStatement("select nextval('automation_runs_id_seq')", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        jdbc.prepareStatement("""
                insert into automation_runs (id, org_id, automation_id, version_id, version, user_id, external_user_id, status,
                    trigger_event, trigger_event_id, payload, idempotency_key, workflow_id, started_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?::jsonb, ?, ?, ?, ?)
                """, ps -> {
            ps.setLong(1, id);
            ps.setObject(2, e.automation().orgId());
            ps.setObject(3, e.automation().id());
            ps.setObject(4, e.version().id());
            ps.setInt(5, e.version().version());
            ps.setObject(6, e.userId());
            ps.setString(7, e.externalUserId());
            ps.setString(8, e.triggerEvent());
            ps.setObject(9, e.triggerEventId());
            ps.setString(10, json.write(e.payload()));
            ps.setString(11, e.idempotencyKey());
            ps.setString(12, AutomationRun.workflowId(e.automation().key(), e.externalUserId(), id));
            ps.setTimestamp(13, Timestamp.from(now));
            ps.setTimestamp(14, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return new Entered(get(e.automation().orgId(), id), true, null);
    }

    private Optional<AutomationRun> byIdempotencyKey(UUID automationId, String key) {
        return jdbc.prepareStatement(SELECT + " where r.automation_id = ? and r.idempotency_key = ?", ps -> {
            ps.setObject(1, automationId);
            ps.setString(2, key);
            return first(ps.executeQuery());
        });
    }

    public Optional<AutomationRun> find(UUID orgId, long id) {
        return jdbc.prepareStatement(SELECT + " where r.org_id = ? and r.id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setLong(2, id);
            return first(ps.executeQuery());
        });
    }

    public AutomationRun get(UUID orgId, long id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Run " + id));
    }

    /** For activities, which act for the run whose id they were given. */
    public AutomationRun getById(long id) {
        return jdbc.prepareStatement(SELECT + " where r.id = ?", ps -> {
            ps.setLong(1, id);
            return first(ps.executeQuery());
        }).orElseThrow(() -> new NotFoundException("Run " + id));
    }

    /** Filters for listing runs; null means any. */
    public record Filter(@Nullable UUID automationId, @Nullable UUID userId, @Nullable RunStatus status) {
    }

    /** Newest first; {@code afterId} is the id of the last run of the previous page. */
    public List<AutomationRun> list(UUID orgId, Filter f, @Nullable Long afterId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where r.org_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(orgId);
        if (f.automationId() != null) {
            sql.append(" and r.automation_id = ?");
            args.add(f.automationId());
        }
        if (f.userId() != null) {
            sql.append(" and r.user_id = ?");
            args.add(f.userId());
        }
        if (f.status() != null) {
            sql.append(" and r.status = ?");
            args.add(f.status().name());
        }
        if (afterId != null) {
            sql.append(" and r.id < ?");
            args.add(afterId);
        }
        sql.append(" order by r.id desc limit ?");
        args.add(limit);
        return jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AutomationRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
            return runs;
        });
    }

    /** The user's runs that are going and listen for this event (their goal or a step waits for it). */
    public List<AutomationRun> listening(UUID orgId, UUID userId, String eventName) {
        return jdbc.prepareStatement(SELECT + """
                 join automation_versions v on v.id = r.version_id
                 where r.org_id = ? and r.user_id = ? and r.status = 'RUNNING' and ? = any(v.listens_to)
                 order by r.id
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            ps.setString(3, eventName);
            List<AutomationRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
            return runs;
        });
    }

    /** Whether any of the user's running runs listens for this event. */
    public boolean anyListening(UUID orgId, UUID userId, String eventName) {
        return jdbc.prepareStatement("""
                select exists (select 1 from automation_runs r join automation_versions v on v.id = r.version_id
                 where r.org_id = ? and r.user_id = ? and r.status = 'RUNNING' and ? = any(v.listens_to))
                """, ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, userId);
            ps.setString(3, eventName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** Records the step a run entered, when, and the events its waits have used: enough to rebuild it there. */
    public void markStep(long runId, String stepId, Instant startedAt, List<String> usedEventIds) {
        jdbc.prepareStatement("""
                update automation_runs set current_step = ?, step_started_at = ?, used_event_ids = ?, updated_at = now()
                where id = ? and status = 'RUNNING'
                """, ps -> {
            ps.setString(1, stepId);
            ps.setTimestamp(2, Timestamp.from(startedAt));
            ps.setArray(3, ps.getConnection().createArrayOf("text", usedEventIds.toArray()));
            ps.setLong(4, runId);
            return ps.executeUpdate();
        });
    }

    /** Every run still going, oldest first. */
    public List<AutomationRun> running() {
        return jdbc.prepareStatement(SELECT + " where r.status = 'RUNNING' order by r.id", ps -> {
            List<AutomationRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(read(rs));
                }
            }
            return runs;
        });
    }

    /** A send a run's step made, and whether it has finished. */
    public record StepSend(String stepId, UUID sendId, boolean finished) {
    }

    /** The sends a run's steps made, in the order they were made. */
    public List<StepSend> sends(long runId) {
        return jdbc.prepareStatement("""
                select rs.step_id, rs.send_id, s.status in ('COMPLETED', 'CANCELLED', 'FAILED') as finished
                from automation_run_sends rs join sends s on s.id = rs.send_id
                where rs.run_id = ? order by s.created_at, s.id
                """, ps -> {
            ps.setLong(1, runId);
            List<StepSend> sends = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sends.add(new StepSend(rs.getString(1), rs.getObject(2, UUID.class), rs.getBoolean(3)));
                }
            }
            return sends;
        });
    }

    /** Records how a run ended; the first recorded end wins. */
    public void finish(long runId, RunStatus status, Instant at) {
        finish(runId, status, null, at);
    }

    /** Records how a run ended and, for a failed run, why; the first recorded end wins. */
    public void finish(long runId, RunStatus status, @Nullable String failureReason, Instant at) {
        jdbc.prepareStatement("""
                update automation_runs set status = ?, failure_reason = ?, finished_at = ?, updated_at = now()
                where id = ? and status = 'RUNNING'
                """, ps -> {
            ps.setString(1, status.name());
            ps.setString(2, failureReason);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setLong(4, runId);
            return ps.executeUpdate();
        });
    }

    /** The send a step of a run already made, if any. */
    public Optional<UUID> sendOf(long runId, String stepId) {
        return jdbc.prepareStatement("select send_id from automation_run_sends where run_id = ? and step_id = ?", ps -> {
            ps.setLong(1, runId);
            ps.setString(2, stepId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    public void recordSend(long runId, String stepId, UUID sendId) {
        jdbc.prepareStatement("insert into automation_run_sends (run_id, step_id, send_id) values (?, ?, ?)", ps -> {
            ps.setLong(1, runId);
            ps.setString(2, stepId);
            ps.setObject(3, sendId);
            return ps.executeUpdate();
        });
    }

    private Optional<AutomationRun> first(ResultSet rs) throws SQLException {
        try (rs) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private AutomationRun read(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Timestamp stepStarted = rs.getTimestamp("step_started_at");
        return new AutomationRun(rs.getLong("id"), rs.getObject("org_id", UUID.class), rs.getObject("automation_id", UUID.class),
                rs.getString("automation_key"), rs.getObject("version_id", UUID.class), rs.getInt("version"),
                rs.getObject("user_id", UUID.class), rs.getString("external_user_id"), RunStatus.valueOf(rs.getString("status")),
                rs.getString("current_step"), rs.getString("trigger_event"), rs.getObject("trigger_event_id", UUID.class),
                json.readObject(rs.getString("payload")), rs.getString("workflow_id"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), finished == null ? null : finished.toInstant(), rs.getString("failure_reason"),
                stepStarted == null ? null : stepStarted.toInstant(), List.of((String[]) rs.getArray("used_event_ids").getArray()));
    }
}
