package dev.herald.api.launch

import groovy.json.JsonOutput
import groovy.json.JsonSlurper

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** The REST API of a {@link LaunchedHerald}, as a user's curl would call it: JSON in, JSON out. */
class LaunchedApi {

    final int port
    String apiKey
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    LaunchedApi(int port, String apiKey = null) {
        this.port = port
        this.apiKey = apiKey
    }

    HttpResponse<String> get(String path, String key = apiKey) {
        call('GET', path, null, key)
    }

    HttpResponse<String> call(String method, String path, Object body = null, String key = apiKey) {
        def request = HttpRequest.newBuilder(URI.create("http://localhost:$port$path")).timeout(Duration.ofSeconds(10))
        if (key) {
            request.header('x-api-key', key)
        }
        if (body != null) {
            request.header('content-type', 'application/json')
        }
        http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JsonOutput.toJson(body))).build(), HttpResponse.BodyHandlers.ofString())
    }

    /** The JSON answer of a call that must succeed. */
    Map json(String method, String path, Object body = null) {
        def response = call(method, path, body)
        assert response.statusCode() in 200..299: "$method $path answered ${response.statusCode()}: ${response.body()}"
        response.body() ? new JsonSlurper().parseText(response.body()) as Map : [:]
    }

    Map json(String path) {
        json('GET', path)
    }

    /**
     * Every push the capture provider recorded, oldest first: of a send ({@code sendId=…}), of a
     * live activity ({@code liveActivityId=…}), or all ({@code ''}).
     */
    List<Map> captured(String query) {
        List<Map> all = []
        String after = null
        while (true) {
            def page = json("/v1/captured-pushes?limit=100" + (query ? "&$query" : '') + (after ? "&after=$after" : ''))
            all.addAll(page.items as List<Map>)
            after = page.next
            if (!after) {
                return all
            }
        }
    }

    /** Polls until the probe answers something truthy, for at most {@code seconds}; answers its last answer. */
    static <T> T poll(int seconds = 30, Closure<T> probe) {
        long deadline = System.currentTimeMillis() + seconds * 1000L
        T found = probe()
        while (!found && System.currentTimeMillis() < deadline) {
            Thread.sleep(100)
            found = probe()
        }
        found
    }
}
