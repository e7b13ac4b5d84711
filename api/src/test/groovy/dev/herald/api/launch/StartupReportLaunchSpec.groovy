package dev.herald.api.launch

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.openqa.selenium.By
import org.openqa.selenium.WebDriver
import org.openqa.selenium.chrome.ChromeDriver
import org.openqa.selenium.chrome.ChromeDriverService
import org.openqa.selenium.chrome.ChromeOptions
import org.openqa.selenium.support.ui.WebDriverWait
import org.yaml.snakeyaml.Yaml
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * What the start-up report of {@code java -jar api/target/herald.jar} (nothing configured) points
 * a newcomer at works: the API docs in a real browser (Debian's Chromium through chromedriver),
 * listing every operation and answering a "Try it out" call from Herald itself; and no link in
 * an API answer points at a Temporal UI that the embedded service does not have.
 */
@Stepwise
class StartupReportLaunchSpec extends Specification {

    static final String INSTALL = 'apt-get install -y chromium chromium-driver'

    @Shared Path home = Files.createTempDirectory('herald-home')
    @Shared Path browserProfile = Files.createTempDirectory('herald-chromium')
    @Shared int port = LaunchedHerald.freePort()
    @Shared HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
    @Shared LaunchedHerald herald
    @Shared String report
    @Shared String apiKey
    @Shared WebDriver browser

    def setupSpec() {
        herald = LaunchedHerald.start(home, port, LaunchedHerald.freePort())
        report = herald.awaitReport()
        apiKey = (report =~ /Bootstrap admin API key \(shown once, keep it\):\s+(hk_\S+)/)[0][1]
    }

    def cleanupSpec() {
        browser?.quit()
        herald?.stop()
        home.toFile().deleteDir()
        browserProfile.toFile().deleteDir()
    }

    def 'on the embedded service a send links to no Temporal UI: there is none'() {
        given:
        send('PUT', '/v1/users/newcomer', [locale: 'en', timezone: 'UTC'])
        send('POST', '/v1/users/newcomer/devices', [provider: 'APNS', token: 'cd' * 32])

        when:
        def created = send('POST', '/v1/sends', [userIds: ['newcomer'], title: 'Hello'])
        def read = new JsonSlurper().parseText(get("/v1/sends/$created.body.id", apiKey).body())

        then:
        created.status == 201
        created.body.workflowId == "send-$created.body.id"
        !created.body.containsKey('temporalUrl')
        !read.containsKey('temporalUrl')
        report.contains('Temporal     embedded service')
    }

    def 'the API docs the report names open in a browser and list every operation of the OpenAPI document'() {
        given:
        def docsUrl = (report =~ /API docs\s+(http\S+)/)[0][1]
        def documented = new Yaml().load(get('/swagger/herald-0.1.yml').body()).paths.collectMany { path, operations ->
            operations.keySet().findAll { it in ['get', 'put', 'post', 'delete', 'patch'] }.collect { "${it.toUpperCase()} $path" as String }
        } as Set

        when:
        browser = chromium()
        browser.get(docsUrl)
        waitFor('Swagger UI to list the operations (a blank page when its scripts do not load)') {
            browser.findElements(By.cssSelector('.opblock')).size() >= documented.size()
        }
        def listed = browser.findElements(By.cssSelector('.opblock')).collect { operation ->
            "${operation.findElement(By.cssSelector('.opblock-summary-method')).text} ${operation.findElement(By.cssSelector('.opblock-summary-path')).getAttribute('data-path')}" as String
        } as Set

        then:
        docsUrl == "http://localhost:$port/docs"
        documented.size() > 50
        listed == documented
        browser.findElement(By.cssSelector('.info .title')).text.startsWith('Herald')
    }

    def 'an API key entered through Authorize is sent by "Try it out", and Herald\'s answer is shown'() {
        given: 'what Herald answers for the key'
        def apps = new JsonSlurper().parseText(get('/v1/apps', apiKey).body()).items
        def appId = apps[0].id as String

        when: 'the key is entered in the Authorize dialog'
        browser.findElement(By.cssSelector('.scheme-container button.authorize')).click()
        def apiKeyForm = waitFor('the Authorize dialog') { browser.findElements(By.cssSelector('.modal-ux form')).find { it.text.contains('x-api-key') } }
        apiKeyForm.findElement(By.cssSelector('input')).sendKeys(apiKey)
        apiKeyForm.findElement(By.cssSelector('button[aria-label="Apply credentials"]')).click()
        waitFor('the API key to be accepted') { browser.findElements(By.cssSelector('.modal-ux button[aria-label="Remove authorization"]')) }
        browser.findElement(By.cssSelector('.modal-ux .close-modal')).click()

        and: 'GET /v1/apps is tried out'
        def operation = browser.findElements(By.cssSelector('.opblock-get')).find {
            it.findElement(By.cssSelector('.opblock-summary-path')).getAttribute('data-path') == '/v1/apps'
        }
        operation.findElement(By.cssSelector('.opblock-summary-control')).click()
        waitFor('Try it out') { operation.findElements(By.cssSelector('button.try-out__btn')) }[0].click()
        waitFor('Execute') { operation.findElements(By.cssSelector('button.execute')) }[0].click()
        def response = waitFor("Herald's answer") { operation.findElements(By.cssSelector('.live-responses-table .response')) }[0]

        then: 'the call went to this Herald, with the key, and its answer is on the page'
        apps*.name.contains('default')
        operation.findElement(By.cssSelector('.request-url pre')).getAttribute('textContent').startsWith("http://localhost:$port/v1/apps")
        operation.findElement(By.cssSelector('.curl-command')).getAttribute('textContent').contains("x-api-key: $apiKey")
        response.findElement(By.cssSelector('.response-col_status')).text == '200'
        def body = response.findElements(By.cssSelector('.response-col_description pre'))*.getAttribute('textContent').find { it.trim().startsWith('{') }
        new JsonSlurper().parseText(body).items*.id.contains(appId)
    }

    /** Debian's Chromium, headless and quiet, through Debian's chromedriver; missing, the spec fails saying how to install them. */
    WebDriver chromium() {
        def chromium = executable('chromium')
        def chromedriver = executable('chromedriver')
        assert chromium && chromedriver: "Chromium and chromedriver are needed to open /docs in a browser; install them: $INSTALL"
        def service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build()
        def options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(
                '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--window-size=1400,1000', "--user-data-dir=$browserProfile" as String)
        new ChromeDriver(service, options)
    }

    static Path executable(String name) {
        System.getenv('PATH').split(File.pathSeparator).collect { Path.of(it, name) }.find { Files.isExecutable(it) }
    }

    <T> T waitFor(String what, Closure<T> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("waiting for $what on ${browser.currentUrl}" as String)
                .until { condition() ?: null }
    }

    HttpResponse<String> get(String path, String key = null) {
        def request = HttpRequest.newBuilder(URI.create("http://localhost:$port$path")).timeout(Duration.ofSeconds(10))
        if (key) {
            request.header('x-api-key', key)
        }
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString())
    }

    Map send(String method, String path, Map body) {
        def response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:$port$path")).timeout(Duration.ofSeconds(10))
                .header('x-api-key', apiKey).header('content-type', 'application/json')
                .method(method, HttpRequest.BodyPublishers.ofString(JsonOutput.toJson(body))).build(),
                HttpResponse.BodyHandlers.ofString())
        [status: response.statusCode(), body: new JsonSlurper().parseText(response.body())]
    }
}
