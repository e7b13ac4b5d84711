package dev.herald.api.launch

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * herald.jar in a process of its own, with none of this build's configuration in its environment:
 * the README's run command as the launch specs ({@code *LaunchSpec}) run it.
 */
class LaunchedHerald {
    final Process process
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>()

    private LaunchedHerald(Process process) {
        this.process = process
        Thread.startDaemon('herald-output') {
            try {
                process.inputStream.newReader().eachLine { lines.add(it) }
            } catch (IOException ignored) {
                // the process was stopped while its output was being read
            }
        }
    }

    /** Starts the jar with nothing configured but its ports and home, and {@code settings} (environment variables). */
    static LaunchedHerald start(Path home, int port, int temporalPort, Map<String, String> settings = [:]) {
        def jar = System.getProperty('herald.jar')
        assert jar && Files.exists(Path.of(jar)): "herald.jar not built (${jar})"
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def builder = new ProcessBuilder(java, "-Duser.home=$home", '-Xmx512m', '-jar', jar).redirectErrorStream(true)
        builder.environment().keySet().removeIf { it.startsWith('DATASOURCES_') || it.startsWith('TEMPORAL_') || it.startsWith('HERALD_') }
        builder.environment().putAll([PORT: port as String, TEMPORAL_EMBEDDED_PORT: temporalPort as String, HOME: home.toString()])
        builder.environment().putAll(settings)
        new LaunchedHerald(builder.start())
    }

    static int freePort() {
        new ServerSocket(0).withCloseable { it.localPort }
    }

    /** The start-up report, once printed; everything printed until then if it never is. */
    String awaitReport() {
        def seen = new StringBuilder()
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180)
        while (System.nanoTime() < deadline) {
            def line = lines.poll(1, TimeUnit.SECONDS)
            if (line != null) {
                seen.append(line).append('\n')
                if (line.contains('Startup completed')) {
                    return seen.toString()
                }
            } else if (!process.alive) {
                break
            }
        }
        throw new AssertionError("Herald did not start:\n$seen")
    }

    /** Kills the process as {@code kill -9} does: no shutdown hook, no graceful stop of anything it started. */
    void kill() {
        def killed = new ProcessBuilder('kill', '-9', process.pid() as String).inheritIO().start()
        assert killed.waitFor() == 0
        assert process.waitFor(30, TimeUnit.SECONDS): 'the process outlived kill -9'
    }

    void stop() {
        process.destroy()
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
        }
    }
}
