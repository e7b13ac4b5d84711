package dev.herald.domain.template;

import dev.herald.domain.user.User;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/**
 * "Render this template for this user with these variables": loads an org's template and
 * renders it with {@link MessageRendering}. Sends and automation {@code send_push} steps call this.
 */
@Singleton
public class Templates {

    private final TemplateStore store;

    public Templates(TemplateStore store) {
        this.store = store;
    }

    /**
     * @param deviceLocale the device's locale when rendering for one device, else null (the user's is used)
     * @param event        properties of the event that triggered the push; empty when none
     * @param variables    the send's (or step's) variables
     */
    public RenderedMessage render(UUID orgId, UUID templateId, User user, String deviceLocale,
                                  Map<String, Object> event, Map<String, Object> variables) {
        Template template = store.get(orgId, templateId);
        return MessageRendering.render(template.content(), LocaleFallback.recipientLocale(deviceLocale, user == null ? null : user.locale()),
                TemplateContext.of(user, event, variables));
    }
}
