package dev.herald.domain.send;

import dev.herald.domain.NotFoundException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import dev.herald.domain.JsonCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import dev.herald.domain.segment.AudienceFilters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sends and their targets. */
@Singleton
@Transactional
public class SendStore {

    private final JdbcOperations jdbc;
    private final JsonCodec json;
    private final Recipients recipients;

    public SendStore(JdbcOperations jdbc, JsonCodec json, Recipients recipients) {
        this.jdbc = jdbc;
        this.json = json;
        this.recipients = recipients;
    }

    /** A stored send and the user ids or tokens of its request that named nothing in the org. */
    public record Created(Send send, List<String> unmatched) {
    }

    /** The answer to a create under an Idempotency-Key: a new send, or the one the key already made. */
    public record Keyed(Created created, UUID existingSendId, boolean sameRequest) {
        public boolean replayed() {
            return created == null;
        }
    }

    /** How long an Idempotency-Key keeps answering with the send it made. */
    public static final java.time.Duration IDEMPOTENCY_WINDOW = java.time.Duration.ofHours(24);

    /** A send to users by external id, now: the simple entry point for other features (e.g. automations). */
    public Send createForUsers(UUID orgId, PushContent content, List<String> externalUserIds, Instant scheduledFor, Instant now) {
        return create(new NewSend(orgId, content, new SendTarget.Users(externalUserIds), scheduledFor, null, null, null), now).send();
    }

    /**
     * Stores a send and its targets: user ids and tokens the org does not know are not
     * targeted and are answered in {@link Created#unmatched()}.
     */
    public Created create(NewSend request, Instant now) {
        return create(UUID.randomUUID(), request, now);
    }

    /**
     * Creates the send unless {@code key} already made one within 24 h, in which case the
     * existing send's id is answered. Concurrent requests with one key serialize on the key's
     * row: the second waits for the first to commit and then finds its send.
     */
    public Keyed createIdempotent(NewSend request, String key, String requestHash, Instant now) {
        UUID id = UUID.randomUUID();
        UUID claimed = jdbc.prepareStatement("""
                insert into send_idempotency_keys (org_id, key, send_id, request_hash, created_at) values (?, ?, ?, ?, ?)
                on conflict (org_id, key) do update
                    set send_id = excluded.send_id, request_hash = excluded.request_hash, created_at = excluded.created_at
                    where send_idempotency_keys.created_at < ?
                returning send_id
                """, ps -> {
            ps.setObject(1, request.orgId());
            ps.setString(2, key);
            ps.setObject(3, id);
            ps.setString(4, requestHash);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now.minus(IDEMPOTENCY_WINDOW)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        });
        if (id.equals(claimed)) {
            return new Keyed(create(id, request, now), id, true);
        }
        return jdbc.prepareStatement("select send_id, request_hash from send_idempotency_keys where org_id = ? and key = ?", ps -> {
            ps.setObject(1, request.orgId());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Keyed(null, rs.getObject(1, UUID.class), requestHash.equals(rs.getString(2)));
            }
        });
    }

    /**
     * Frees {@code key} if it still answers {@code sendId}, so the next request with it makes a
     * new send: used when the send it made could not be started.
     */
    public void releaseIdempotencyKey(UUID orgId, String key, UUID sendId) {
        jdbc.prepareStatement("delete from send_idempotency_keys where org_id = ? and key = ? and send_id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            ps.setObject(3, sendId);
            return ps.executeUpdate();
        });
    }

    /** Stores a send under an id chosen beforehand (e.g. by a workflow, so a retried activity finds it). */
    public Created create(UUID id, NewSend request, Instant now) {
        Instant scheduledFor = request.scheduledFor();
        SendStatus status = scheduledFor != null && scheduledFor.isAfter(now) ? SendStatus.SCHEDULED : SendStatus.RUNNING;
        SendTarget target = request.target();
        UUID segmentId = target instanceof SendTarget.Audience a ? a.segmentId() : null;
        String audience = target instanceof SendTarget.Audience a && a.segmentId() == null
                ? json.write(AudienceFilters.toJson(a.filter())) : null;
        jdbc.prepareStatement("""
                insert into sends (id, org_id, status, content, targeted_users, scheduled_for, created_at, target_kind, segment_id,
                                   audience, deliver_at_local_time, rate_per_second, recurring_send_id)
                values (?, ?, ?, ?::jsonb, 0, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, id);
            ps.setObject(2, request.orgId());
            ps.setString(3, status.name());
            ps.setString(4, json.write(request.content()));
            ps.setTimestamp(5, scheduledFor == null ? null : Timestamp.from(scheduledFor));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setString(7, target.kind().name());
            ps.setObject(8, segmentId);
            ps.setString(9, audience);
            ps.setString(10, request.deliverAtLocalTime() == null ? null : request.deliverAtLocalTime().toString());
            ps.setObject(11, request.ratePerSecond());
            ps.setObject(12, request.recurringSendId());
            return ps.executeUpdate();
        });
        List<String> unmatched = List.of();
        int targeted = 0;
        if (target instanceof SendTarget.Users users) {
            targeted = insertTargets("""
                    insert into send_users (send_id, user_id)
                    select ?, u.id from users u where u.org_id = ? and u.external_id = any(?)
                    on conflict do nothing
                    """, id, request.orgId(), users.externalIds());
            unmatched = unmatched("select external_id from users where org_id = ? and external_id = any(?)", request.orgId(), users.externalIds());
        } else if (target instanceof SendTarget.Tokens tokens) {
            targeted = insertTargets("""
                    insert into send_devices (send_id, device_id)
                    select ?, d.id from devices d where d.org_id = ? and d.token = any(?)
                    on conflict do nothing
                    """, id, request.orgId(), tokens.tokens());
            unmatched = unmatched("select token from devices where org_id = ? and token = any(?)", request.orgId(), tokens.tokens());
        }
        if (targeted > 0) {
            int count = targeted;
            jdbc.prepareStatement("update sends set targeted_users = ? where id = ?", ps -> {
                ps.setInt(1, count);
                ps.setObject(2, id);
                return ps.executeUpdate();
            });
        }
        return new Created(get(request.orgId(), id), unmatched);
    }

    private int insertTargets(String sql, UUID sendId, UUID orgId, List<String> values) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, sendId);
            ps.setObject(2, orgId);
            ps.setArray(3, ps.getConnection().createArrayOf("text", values.toArray()));
            return ps.executeUpdate();
        });
    }

    private List<String> unmatched(String knownSql, UUID orgId, List<String> values) {
        Set<String> known = jdbc.prepareStatement(knownSql, ps -> {
            ps.setObject(1, orgId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", values.toArray()));
            Set<String> found = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });
        return values.stream().filter(v -> !known.contains(v)).distinct().toList();
    }

    /**
     * Starts delivery of a send: freezes its audience (a segment's filter as it is now) and counts
     * the users it matches,
     * turns its target users into the devices they have now, and answers how many devices it
     * targets. Safe to repeat: a retried start finds the work done.
     */
    public long start(UUID id, Instant at) {
        markRunning(id, at);
        Send send = getById(id);
        switch (send.targetKind()) {
            // a send started again (its run was lost with the embedded Temporal) keeps the devices it froze the first time
            case USERS -> jdbc.prepareStatement("""
                    insert into send_devices (send_id, device_id)
                    select su.send_id, d.id from send_users su join devices d on d.user_id = su.user_id
                    where su.send_id = ? and d.enabled
                      and not exists (select 1 from send_devices frozen where frozen.send_id = su.send_id)
                    on conflict do nothing
                    """, ps -> {
                ps.setObject(1, id);
                return ps.executeUpdate();
            });
            case AUDIENCE -> {
                if (send.audience() == null && send.segmentId() != null) {
                    jdbc.prepareStatement("update sends set audience = coalesce((select filter from segments where id = ? and org_id = ?), '{\"any\": []}'::jsonb) where id = ?", ps -> {
                        ps.setObject(1, send.segmentId());
                        ps.setObject(2, send.orgId());
                        ps.setObject(3, id);
                        return ps.executeUpdate();
                    });
                }
                // an audience names its users only now: count those its filter matches, as created sends count theirs
                long users = recipients.countUsers(getById(id));
                jdbc.prepareStatement("update sends set targeted_users = ? where id = ?", ps -> {
                    ps.setInt(1, (int) Math.min(Integer.MAX_VALUE, users));
                    ps.setObject(2, id);
                    return ps.executeUpdate();
                });
            }
            default -> {
            }
        }
        long devices = recipients.count(getById(id));
        jdbc.prepareStatement("update sends set targeted_devices = ? where id = ?", ps -> {
            ps.setInt(1, (int) Math.min(Integer.MAX_VALUE, devices));
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
        return devices;
    }

    public Optional<Send> find(UUID orgId, UUID id) {
        return jdbc.prepareStatement("select * from sends where org_id = ? and id = ?", ps -> {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(jdbc.readEntity(rs, Send.class)) : Optional.empty();
            }
        });
    }

    public Send get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> new NotFoundException("Send " + id));
    }

    /** Reads a send by id alone: for activities, which act for the workflow that owns the id. */
    public Send getById(UUID id) {
        return jdbc.prepareStatement("select * from sends where id = ?", ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("Send " + id);
                }
                return jdbc.readEntity(rs, Send.class);
            }
        });
    }

    /** Sends not yet finished nor paused, oldest first, of every org. */
    /**
     * The sends not finished that run on their own: not the push of a running automation run nor
     * the follow-up of an A/B promotion, which those start themselves.
     */
    public List<Send> unfinishedOnTheirOwn() {
        return jdbc.prepareStatement("""
                select * from sends s where s.status in ('SCHEDULED', 'RUNNING', 'PAUSED')
                  and not exists (select 1 from automation_run_sends rs join automation_runs r on r.id = rs.run_id
                                  where rs.send_id = s.id and r.status = 'RUNNING')
                  and not exists (select 1 from send_policies p where p.send_id = s.id and p.follow_up_of is not null)
                order by s.created_at, s.id
                """, this::readSends);
    }

    /**
     * Sends that sampled an A/B test for auto-promotion, went out, and whose promotion is not
     * over: the test has no decision yet, or its follow-up send is unfinished, or a winner was
     * declared after the sample went out and no follow-up has been made.
     */
    public List<Send> samplesAwaitingPromotion() {
        return jdbc.prepareStatement("""
                select s.* from sends s
                  join send_policies p on p.send_id = s.id and p.sample_percent is not null and p.variants is not null
                  join ab_tests t on t.id = p.ab_test_id
                  left join send_policies f on f.follow_up_of = s.id
                  left join sends fs on fs.id = f.send_id
                where s.status = 'COMPLETED'
                  and (t.winner_source is null
                       or (fs.id is not null and fs.status not in ('COMPLETED', 'CANCELLED', 'FAILED'))
                       or (fs.id is null and t.winner is not null and t.winner_declared_at >= s.finished_at))
                order by s.created_at, s.id
                """, this::readSends);
    }

    /** Newest first; {@code before} is the id of the last send of the previous page. */
    public List<Send> list(UUID orgId, UUID after, int limit) {
        String sql = after == null
                ? "select * from sends where org_id = ? order by created_at desc, id desc limit ?"
                : """
                  select * from sends where org_id = ?
                    and (created_at, id) < (select created_at, id from sends where id = ? and org_id = sends.org_id)
                  order by created_at desc, id desc limit ?
                  """;
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, orgId);
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, limit);
            return readSends(ps);
        });
    }

    private List<Send> readSends(java.sql.PreparedStatement ps) throws java.sql.SQLException {
        List<Send> sends = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sends.add(jdbc.readEntity(rs, Send.class));
            }
        }
        return sends;
    }

    /** Moves a scheduled send to running; a send already past that is left as it is. */
    public void markRunning(UUID id, Instant at) {
        jdbc.prepareStatement("update sends set status = 'RUNNING', started_at = coalesce(started_at, ?) where id = ? and status in ('SCHEDULED', 'RUNNING', 'PAUSED')", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    /** Records that an operator paused or resumed a running send. */
    public void markPaused(UUID id, boolean paused) {
        jdbc.prepareStatement("update sends set status = ? where id = ? and status in ('RUNNING', 'PAUSED')", ps -> {
            ps.setString(1, paused ? "PAUSED" : "RUNNING");
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    /** Records how a send ended; the first recorded end wins. */
    public void finish(UUID id, SendStatus status, Instant at) {
        finish(id, status, null, at);
    }

    /** Records how a send ended and, for a failed send, why; the first recorded end wins. */
    public void finish(UUID id, SendStatus status, String failureReason, Instant at) {
        if (!status.finished()) {
            throw new IllegalArgumentException(status + " is not an end state");
        }
        jdbc.prepareStatement("""
                update sends set status = ?, failure_reason = ?, finished_at = ?
                where id = ? and status in ('SCHEDULED', 'RUNNING', 'PAUSED')
                """, ps -> {
            ps.setString(1, status.name());
            ps.setString(2, failureReason);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setObject(4, id);
            return ps.executeUpdate();
        });
    }

}
