package dev.herald.domain.budget

import spock.lang.Specification

class RequestBudgetSpec extends Specification {

    def "request #used of a window with a budget of #perMinute is #verdict"() {
        expect:
        new RequestBudget(RequestBudget.ALL, perMinute).judge(used, secondsLeft) == new RequestBudget.Verdict(allowed, remaining, retryAfter)

        where:
        perMinute | used | secondsLeft || allowed | remaining | retryAfter
        10        | 1    | 59          || true    | 9         | 0
        10        | 10   | 30          || true    | 0         | 0
        10        | 11   | 30          || false   | 0         | 30
        10        | 500  | 2           || false   | 0         | 2
        10        | 11   | 0           || false   | 0         | 1
        1         | 2    | 60          || false   | 0         | 60
        verdict = allowed ? 'allowed' : 'refused'
    }

    def "a session's budget is its app's setting, else the server's default"() {
        expect:
        RequestBudget.forSession(appSetting, 300) == new RequestBudget(RequestBudget.ALL, perMinute)

        where:
        appSetting || perMinute
        null       || 300
        20         || 20
        5000       || 5000
    }
}
