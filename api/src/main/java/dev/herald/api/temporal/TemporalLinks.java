package dev.herald.api.temporal;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links from API responses to runs in the Temporal UI (S10); {@code null} (left out of the JSON)
 * when there is no UI to link to, as on the embedded service unless {@code TEMPORAL_UI_URL} is set.
 */
@Singleton
public class TemporalLinks {

    private final TemporalSettings settings;

    public TemporalLinks(TemporalSettings settings) {
        this.settings = settings;
    }

    @Nullable
    public String workflow(String workflowId) {
        return link("workflows", workflowId);
    }

    @Nullable
    public String schedule(String scheduleId) {
        return link("schedules", scheduleId);
    }

    private String link(String kind, String id) {
        return settings.linkedUiUrl()
                .map(ui -> ui.replaceAll("/+$", "") + "/namespaces/" + enc(settings.namespace()) + "/" + kind + "/" + enc(id))
                .orElse(null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
