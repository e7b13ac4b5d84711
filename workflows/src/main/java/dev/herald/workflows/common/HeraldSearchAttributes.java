package dev.herald.workflows.common;

import io.temporal.common.SearchAttributeKey;

import java.util.List;

/**
 * Keyword search attributes every Herald workflow sets, so operators can filter runs in the
 * Temporal UI (S10). They are registered on start-up (embedded service) or by temporal-dev/.
 * Values are stored unencrypted: never put tokens or secrets in them.
 */
public final class HeraldSearchAttributes {

    public static final SearchAttributeKey<String> ORG_ID = SearchAttributeKey.forKeyword("HeraldOrgId");
    public static final SearchAttributeKey<String> APP_ID = SearchAttributeKey.forKeyword("HeraldAppId");
    public static final SearchAttributeKey<String> KIND = SearchAttributeKey.forKeyword("HeraldKind");
    public static final SearchAttributeKey<String> SEND_ID = SearchAttributeKey.forKeyword("HeraldSendId");
    public static final SearchAttributeKey<String> USER_ID = SearchAttributeKey.forKeyword("HeraldUserId");
    public static final SearchAttributeKey<String> AUTOMATION = SearchAttributeKey.forKeyword("HeraldAutomation");
    public static final SearchAttributeKey<String> AUTOMATION_VERSION = SearchAttributeKey.forKeyword("HeraldAutomationVersion");

    public static final List<SearchAttributeKey<String>> ALL =
            List.of(ORG_ID, APP_ID, KIND, SEND_ID, USER_ID, AUTOMATION, AUTOMATION_VERSION);

    private HeraldSearchAttributes() {
    }
}
