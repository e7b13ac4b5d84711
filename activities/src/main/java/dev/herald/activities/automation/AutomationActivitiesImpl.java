package dev.herald.activities.automation;

import dev.herald.domain.FieldError;
import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.PushContentMapper;
import dev.herald.domain.automation.RunStatus;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.automation.Templates;
import dev.herald.domain.automation.UserFactsStore;
import dev.herald.domain.send.PushContent;
import dev.herald.domain.send.SendStore;
import dev.herald.workflows.automation.AutomationActivities;
import io.micronaut.transaction.annotation.Transactional;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class AutomationActivitiesImpl implements AutomationActivities {

    private final RunStore runs;
    private final UserFactsStore users;
    private final SendStore sends;

    public AutomationActivitiesImpl(RunStore runs, UserFactsStore users, SendStore sends) {
        this.runs = runs;
        this.users = users;
        this.sends = sends;
    }

    @Override
    public Map<String, Object> userFacts(long runId) {
        return users.of(runs.getById(runId).userId());
    }

    @Override
    @Transactional
    public String createSend(long runId, String stepId, Map<String, Object> content) {
        Optional<UUID> made = runs.sendOf(runId, stepId);
        if (made.isPresent()) {
            return made.get().toString();
        }
        AutomationRun run = runs.getById(runId);
        Map<String, Object> facts = Map.of("user", users.of(run.userId()), "event", run.payload());
        List<FieldError> errors = new ArrayList<>();
        PushContent push = PushContentMapper.toContent(render(content, facts), "", "step " + stepId, errors);
        if (push == null) {
            // text filled from the user and event can break a rule (e.g. an empty title): retrying cannot help
            throw ApplicationFailure.newNonRetryableFailure("step " + stepId + " of run " + runId
                    + " has content the send path refuses: " + errors, "InvalidPushContent");
        }
        var send = sends.createForUsers(run.orgId(), push, List.of(run.externalUserId()), null, Instant.now());
        runs.recordSend(runId, stepId, send.id());
        return send.id().toString();
    }

    /** Fills placeholders in every text of the content, including text values of {@code data}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> render(Map<String, Object> content, Map<String, ?> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        content.forEach((k, v) -> out.put(k, v instanceof String s ? Templates.render(s, facts)
                : v instanceof Map<?, ?> m ? render((Map<String, Object>) m, facts) : v));
        return out;
    }

    @Override
    public void markStep(long runId, String stepId) {
        runs.markStep(runId, stepId);
    }

    @Override
    public void finish(long runId, String status) {
        runs.finish(runId, RunStatus.valueOf(status), Instant.now());
    }
}
