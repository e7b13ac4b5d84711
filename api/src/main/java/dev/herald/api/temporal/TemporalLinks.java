package dev.herald.api.temporal;

import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links from API responses to runs in the Temporal UI (S10). */
@Singleton
public class TemporalLinks {

    private final TemporalSettings settings;

    public TemporalLinks(TemporalSettings settings) {
        this.settings = settings;
    }

    public String workflow(String workflowId) {
        return settings.uiUrl().replaceAll("/+$", "") + "/namespaces/" + enc(settings.namespace()) + "/workflows/" + enc(workflowId);
    }

    public String schedule(String scheduleId) {
        return settings.uiUrl().replaceAll("/+$", "") + "/namespaces/" + enc(settings.namespace()) + "/schedules/" + enc(scheduleId);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
