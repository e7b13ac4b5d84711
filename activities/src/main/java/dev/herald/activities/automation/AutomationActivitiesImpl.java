package dev.herald.activities.automation;

import dev.herald.domain.automation.AutomationRun;
import dev.herald.domain.automation.Definition;
import dev.herald.domain.automation.RunStatus;
import dev.herald.domain.automation.RunStore;
import dev.herald.domain.automation.StepMessages;
import dev.herald.domain.automation.UserFactsStore;
import dev.herald.domain.send.SendStore;
import dev.herald.domain.template.MessageContent;
import dev.herald.domain.template.Template;
import dev.herald.domain.template.TemplateStore;
import dev.herald.domain.user.User;
import dev.herald.domain.user.UserStore;
import dev.herald.workflows.automation.AutomationActivities;
import dev.herald.workflows.automation.StepMark;
import io.micronaut.transaction.annotation.Transactional;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class AutomationActivitiesImpl implements AutomationActivities {

    private final RunStore runs;
    private final UserFactsStore facts;
    private final UserStore users;
    private final SendStore sends;
    private final TemplateStore templates;

    public AutomationActivitiesImpl(RunStore runs, UserFactsStore facts, UserStore users, SendStore sends, TemplateStore templates) {
        this.runs = runs;
        this.facts = facts;
        this.users = users;
        this.sends = sends;
        this.templates = templates;
    }

    @Override
    public Map<String, Object> userFacts(long runId) {
        return facts.of(runs.getById(runId).userId());
    }

    @Override
    @Transactional
    public String createSend(long runId, String stepId, Map<String, Object> content) {
        Optional<UUID> made = runs.sendOf(runId, stepId);
        if (made.isPresent()) {
            return made.get().toString();
        }
        AutomationRun run = runs.getById(runId);
        MessageContent template = null;
        if (content.get(Definition.SendPush.TEMPLATE) instanceof String ref) {
            template = templates.findByRef(run.orgId(), ref).map(Template::content).orElseThrow(() ->
                    // checked at publish; deleted since: retrying cannot bring it back
                    // the message is the run's failure reason, which names the step
                    ApplicationFailure.newNonRetryableFailure("template '" + ref + "' no longer exists", "TemplateNotFound"));
        }
        User user = users.get(run.orgId(), run.externalUserId());
        StepMessages.Rendered rendered = StepMessages.render(content, template, user, run.payload());
        if (rendered.push() == null) {
            // text filled from the user and event can miss a value or break a rule (e.g. an empty title): retrying cannot help
            throw ApplicationFailure.newNonRetryableFailure("no push to send: " + String.join("; ", rendered.problems()),
                    "InvalidPushContent");
        }
        // an ordinary send to the user: delivery policies (quiet hours, caps) apply to it as to any other
        var send = sends.createForUsers(run.orgId(), rendered.push(), List.of(run.externalUserId()), null, Instant.now());
        runs.recordSend(runId, stepId, send.id());
        return send.id().toString();
    }

    @Override
    public void markStep(StepMark mark) {
        runs.markStep(mark.runId(), mark.stepId(), mark.startedAt(), mark.usedEventIds());
    }

    @Override
    public void finish(long runId, String status, String reason) {
        runs.finish(runId, RunStatus.valueOf(status), reason, Instant.now());
    }
}
