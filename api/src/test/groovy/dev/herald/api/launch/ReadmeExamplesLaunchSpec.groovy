package dev.herald.api.launch

import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The README's shell examples, run as written against the jar started by the README's run
 * command: every {@code sh} block from "Try it" on that calls curl, in order, in bash. Only what
 * differs per machine is substituted: the bootstrap key printed at start for {@code hk_…} (and
 * as {@code $KEY}, which the later blocks use as set by the first), and
 * the free ports this spec runs on for 8080 (other checkouts run launch specs at the same time).
 * Each curl answer must be a 2xx with a JSON body, and the push the "Try it" send makes must show
 * up among the captured pushes. README and product cannot drift apart unnoticed.
 */
@Stepwise
class ReadmeExamplesLaunchSpec extends Specification {

    static final String README_PORT = '8080'

    @Shared String readme = Files.readString(Path.of(System.getProperty('herald.readme', '../README.md')))
    @Shared Path home = Files.createTempDirectory('herald-readme-home')
    @Shared Path answers = Files.createTempDirectory('herald-readme-answers')
    @Shared int port = LaunchedHerald.freePort()
    @Shared int temporalPort = LaunchedHerald.freePort()
    @Shared LaunchedHerald herald
    @Shared String apiKey
    @Shared String report

    def cleanupSpec() {
        herald?.stop()
        home.toFile().deleteDir()
        answers.toFile().deleteDir()
    }

    def "the README's run command is the one this spec starts, and it prints the bootstrap key"() {
        given:
        def runCommand = shellBlocks(readme)[0].readLines().find { it.contains('java -jar') }

        expect:
        runCommand != null
        runCommand.contains('java -jar api/target/herald.jar')
        System.getProperty('herald.jar').replace('\\', '/').endsWith('api/target/herald.jar')

        when:
        herald = LaunchedHerald.start(home, port, temporalPort)
        report = herald.awaitReport()
        apiKey = (report =~ /Bootstrap admin API key \(shown once, keep it\):\s+(hk_\S+)/)[0][1]

        then:
        apiKey ==~ /hk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/
    }

    def "the Try line the start-up report prints answers 200"() {
        given:
        def tryLine = report.readLines().find { it.trim().startsWith('Try: curl') }.trim().substring('Try: '.length())

        when:
        def answered = run('report', tryLine)

        then:
        answered.size() == 1
        answered[0].status == 200
        answered[0].json instanceof Map
    }

    def "the Try it block runs as written: every answer is a 2xx, and the push it sends is captured"() {
        given:
        def block = tryItBlock()

        when:
        def answered = run('try-it', block)

        then: 'every curl of the block was run and answered 2xx with JSON'
        answered.size() == curlCount(block)
        answered.size() >= 4
        answered.every { it.status in 200..299 && it.json != null }

        and: 'the send was accepted and its push reached the capture provider (the last command, repeated until it shows)'
        def send = answered.find { it.args.contains('/v1/sends') }.json
        send.id != null
        def captured = eventually { run('try-it-captured', answered.last().command).last().json.items.find { it.sendId == send.id } }
        captured != null
        captured.payload.aps.alert.title == 'Order shipped'
        captured.payload.aps.alert.body == 'On its way'
        captured.payload.orderId == 'A-1'
    }

    def "every other curl example of the README answers a 2xx with JSON"() {
        given:
        def blocks = exampleBlocks().drop(1)

        expect:
        !blocks.isEmpty()

        when:
        def answered = blocks.withIndex().collectMany { block, i -> run("example-$i", block) }

        then:
        answered.size() == blocks.sum { curlCount(it) }
        answered.findAll { !(it.status in 200..299) || it.json == null }.collect { "$it.status $it.args $it.body" } == []

        and: 'the segment preview answers counts'
        answered.find { it.args.contains('/v1/segments/preview') }.json.keySet().containsAll(['users', 'devices', 'sample'])
    }

    /** The sh blocks of the README, in order. */
    static List<String> shellBlocks(String markdown) {
        (markdown =~ /(?ms)^```sh\n(.*?)^```/).collect { it[1] as String }
    }

    /** The README's examples: the sh blocks from "Try it" on that call curl. */
    List<String> exampleBlocks() {
        shellBlocks(readme.substring(readme.indexOf('## Try it'))).findAll { curlCount(it) > 0 }
    }

    String tryItBlock() {
        exampleBlocks()[0]
    }

    static int curlCount(String block) {
        block.readLines().count { it.trim().startsWith('curl ') } as int
    }

    /** An answer of one curl command of a block. */
    static class Answer {
        String command
        String args
        int status
        String body
        Object json
    }

    /**
     * Runs a block in bash as written, substituting the key and the port, with curl wrapped to
     * keep each answer's status and body (and the command it answered).
     */
    List<Answer> run(String name, String block) {
        def dir = Files.createDirectories(answers.resolve(name))
        def script = block.replace('KEY=hk_…', "KEY=$apiKey").replace('hk_…', apiKey).replace("localhost:$README_PORT", "localhost:$port")
        def wrapper = '''
            n=0
            curl() {
              n=$((n+1))
              printf '%s\\n' "$*" > "$ANSWERS/$n.args"
              command curl -sS --max-time 20 -o "$ANSWERS/$n.body" -w '%{http_code}' "$@" > "$ANSWERS/$n.status"
            }
            '''.stripIndent()
        def process = new ProcessBuilder('bash', '-c', wrapper + script).redirectErrorStream(true)
        process.environment().put('ANSWERS', dir.toString())
        // as in the reader's shell after the Try it block's first line: later blocks use $KEY without setting it
        process.environment().put('KEY', apiKey)
        def started = process.start()
        def output = started.inputStream.text
        assert started.waitFor(120, TimeUnit.SECONDS): "block $name did not finish: $output"
        def commands = commandsOf(script)
        (1..<(Files.list(dir).toList().count { it.fileName.toString().endsWith('.status') } + 1)).collect { int i ->
            def body = Files.exists(dir.resolve("${i}.body")) ? Files.readString(dir.resolve("${i}.body")) : ''
            new Answer(command: commands[i - 1], args: Files.readString(dir.resolve("${i}.args")).trim(),
                    status: Files.readString(dir.resolve("${i}.status")).trim() as int, body: body,
                    json: parse(body))
        }
    }

    /** The curl commands of a script, each with its continuation lines, to run one again on its own. */
    static List<String> commandsOf(String script) {
        def commands = []
        def current = null
        script.readLines().each { line ->
            if (line.trim().startsWith('curl ')) {
                current = new StringBuilder(line)
                commands << current
            } else if (current != null && current.toString().endsWith('\\')) {
                current.append('\n').append(line)
            } else if (current != null && line.startsWith(' ')) {
                current.append('\n').append(line)
            } else {
                current = null
            }
        }
        commands*.toString()
    }

    static Object parse(String body) {
        try {
            body ? new JsonSlurper().parseText(body) : null
        } catch (ignored) {
            null
        }
    }

    static <T> T eventually(Closure<T> probe) {
        long deadline = System.currentTimeMillis() + 30_000
        T found = probe()
        while (!found && System.currentTimeMillis() < deadline) {
            Thread.sleep(250)
            found = probe()
        }
        found
    }
}
