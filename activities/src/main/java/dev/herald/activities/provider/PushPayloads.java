package dev.herald.activities.provider;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.herald.domain.send.PushAction;
import dev.herald.domain.send.PushContent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What every provider's payload carries besides the alert: Herald's own properties, as JSON. */
public final class PushPayloads {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private PushPayloads() {
    }

    /** The {@code herald} object of a payload: the send id (for open tracking), link, image and action buttons. */
    public static Map<String, Object> heraldProperties(PushContent content, UUID sendId) {
        Map<String, Object> herald = new LinkedHashMap<>();
        herald.put("sendId", sendId.toString());
        if (content.url() != null) {
            herald.put("url", content.url());
        }
        if (content.imageUrl() != null) {
            herald.put("imageUrl", content.imageUrl());
        }
        if (!content.actions().isEmpty()) {
            // the buttons travel with the push so a client SDK (or notification extension) can show them
            List<Map<String, Object>> actions = new ArrayList<>();
            for (PushAction action : content.actions()) {
                Map<String, Object> button = new LinkedHashMap<>();
                button.put("id", action.id());
                button.put("title", action.title());
                if (action.url() != null) {
                    button.put("url", action.url());
                }
                actions.add(button);
            }
            herald.put("actions", actions);
        }
        return herald;
    }

    public static String json(Object value) {
        return GSON.toJson(value);
    }
}
