package dev.herald.api.support

import groovy.json.JsonSlurper

import java.nio.charset.StandardCharsets

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: no header is added or checked (a
 * missing Content-Type, a NUL in a header, a 10 KB request line), as a hostile client sends them.
 */
class RawHttp {

    final String host
    final int port

    RawHttp(String host, int port) {
        this.host = host
        this.port = port
    }

    static class Answer {
        int status
        Map<String, String> headers = [:]
        byte[] bytes
        boolean closedWithoutAnswer

        String getText() {
            new String(bytes ?: new byte[0], StandardCharsets.UTF_8)
        }

        Map getJson() {
            def text = getText()
            text ? new JsonSlurper().parseText(text) as Map : null
        }

        String getContentType() {
            headers['content-type']
        }

        @Override
        String toString() {
            "$status $text"
        }
    }

    /** Sends one request; {@code target} is the raw request target (already percent-encoded). */
    Answer send(String method, String target, Map<String, String> headers = [:], byte[] body = null) {
        def head = new StringBuilder("$method $target HTTP/1.1\r\nHost: $host:$port\r\nConnection: close\r\n")
        headers.each { k, v -> head.append(k).append(': ').append(v).append('\r\n') }
        if (body != null) {
            head.append('Content-Length: ').append(body.length).append('\r\n')
        }
        head.append('\r\n')
        new Socket(host, port).withCloseable { socket ->
            socket.soTimeout = 30_000
            def out = socket.outputStream
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1))
            if (body != null) {
                out.write(body)
            }
            out.flush()
            return read(socket.inputStream)
        }
    }

    Answer send(String method, String target, Map<String, String> headers, String body) {
        send(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8))
    }

    private static Answer read(InputStream input) {
        def all = new ByteArrayOutputStream()
        try {
            all << input
        } catch (SocketException ignored) {
            // a reset after the answer was written: what arrived is the answer
        }
        byte[] bytes = all.toByteArray()
        def answer = new Answer()
        int end = indexOf(bytes, '\r\n\r\n'.bytes)
        if (end < 0) {
            answer.closedWithoutAnswer = true
            return answer
        }
        def lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split('\r\n')
        answer.status = lines[0].split(' ')[1] as int
        lines.drop(1).each { line ->
            int colon = line.indexOf(':')
            answer.headers[line.substring(0, colon).trim().toLowerCase()] = line.substring(colon + 1).trim()
        }
        byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length)
        if (answer.headers['transfer-encoding']?.contains('chunked')) {
            rest = dechunk(rest)
        }
        answer.bytes = rest
        answer
    }

    private static byte[] dechunk(byte[] bytes) {
        def out = new ByteArrayOutputStream()
        int at = 0
        while (at < bytes.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(bytes, at, bytes.length), '\r\n'.bytes)
            int size = Integer.parseInt(new String(bytes, at, lineEnd, StandardCharsets.ISO_8859_1).split(';')[0].trim(), 16)
            if (size == 0) {
                break
            }
            out.write(bytes, at + lineEnd + 2, size)
            at += lineEnd + 2 + size + 2
        }
        out.toByteArray()
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer
                }
            }
            return i
        }
        -1
    }
}
