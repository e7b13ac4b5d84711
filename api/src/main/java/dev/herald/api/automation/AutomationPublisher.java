package dev.herald.api.automation;

import dev.herald.api.error.ApiException;
import dev.herald.domain.FieldError;
import dev.herald.domain.automation.AutomationStore;
import dev.herald.domain.automation.Definition;
import dev.herald.domain.automation.DefinitionParser;
import dev.herald.domain.template.TemplateStore;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes a definition once it is valid: the parser checks its shape, and here what only the
 * org's data can tell, that every template a {@code send_push} step names exists.
 */
@Singleton
public class AutomationPublisher {

    private final AutomationStore automations;
    private final TemplateStore templates;

    public AutomationPublisher(AutomationStore automations, TemplateStore templates) {
        this.automations = automations;
        this.templates = templates;
    }

    public AutomationStore.Published publish(UUID orgId, String key, Map<String, Object> json) {
        var parsed = DefinitionParser.parseForPublish(json);
        if (!parsed.valid()) {
            throw ApiException.invalid(parsed.errors());
        }
        List<FieldError> errors = new ArrayList<>();
        List<Definition.Step> steps = parsed.definition().steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Definition.SendPush push && push.template() != null
                    && templates.findByRef(orgId, push.template()).isEmpty()) {
                errors.add(new FieldError("steps[" + i + "].template", "step \"" + push.id() + "\": no template of the org has the id or name '"
                        + push.template() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        try {
            return automations.publish(orgId, key, parsed.definition(), json);
        } catch (AutomationStore.StateConflict e) {
            throw ApiException.conflict("automation_archived", e.getMessage());
        }
    }
}
