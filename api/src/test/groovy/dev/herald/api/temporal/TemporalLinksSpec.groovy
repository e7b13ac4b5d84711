package dev.herald.api.temporal

import spock.lang.Specification

/** Where API responses link runs to: the Temporal UI when there is one, nothing on the embedded service. */
class TemporalLinksSpec extends Specification {

    static TemporalLinks links(String address, String uiUrl) {
        new TemporalLinks(new TemporalSettings(address, 'prod ns', 'herald', 7233, true, uiUrl, null, false, null, null))
    }

    def "#temporal with TEMPORAL_UI_URL #uiUrl: a run links to #workflowLink"() {
        expect:
        links(address, uiUrl).workflow('send-42') == workflowLink
        links(address, uiUrl).schedule('recurring-send-7') == scheduleLink

        where:
        temporal           | address              | uiUrl                      || workflowLink                                                     | scheduleLink
        'embedded service' | null                 | null                       || null                                                             | null
        'embedded service' | ''                   | ''                         || null                                                             | null
        'embedded service' | null                 | '  '                       || null                                                             | null
        'embedded service' | null                 | 'http://ui.example/'       || 'http://ui.example/namespaces/prod%20ns/workflows/send-42'       | 'http://ui.example/namespaces/prod%20ns/schedules/recurring-send-7'
        'a cluster'        | 'temporal:7233'      | null                       || 'http://localhost:8233/namespaces/prod%20ns/workflows/send-42'    | 'http://localhost:8233/namespaces/prod%20ns/schedules/recurring-send-7'
        'a cluster'        | 'temporal:7233'      | ''                         || 'http://localhost:8233/namespaces/prod%20ns/workflows/send-42'    | 'http://localhost:8233/namespaces/prod%20ns/schedules/recurring-send-7'
        'a cluster'        | 'temporal:7233'      | 'https://ui.example//'     || 'https://ui.example/namespaces/prod%20ns/workflows/send-42'       | 'https://ui.example/namespaces/prod%20ns/schedules/recurring-send-7'
    }
}
