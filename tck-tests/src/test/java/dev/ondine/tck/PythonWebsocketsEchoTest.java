package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' echo answered to Python's {@code websockets} library (Debian's
 * python3-websockets in the system interpreter, installed by scripts/install-test-deps.sh
 * before the tests run): text and binary of 0 B to 16 MiB, fragmented messages, ping, close
 * codes and 200 concurrent connections. The checks themselves are in
 * src/test/python/websockets_echo_client.py.
 */
class PythonWebsocketsEchoTest {

    @Test
    void pythonWebsocketsClientPassesEveryCheck() throws Exception {
        Path script = Path.of(System.getProperty("ondine.python.client",
                "src/test/python/websockets_echo_client.py"));
        assertTrue(Files.isRegularFile(script), "missing " + script);
        OndineServer server = SamplesMain.start("127.0.0.1", 0);
        try {
            String uri = "ws://127.0.0.1:" + server.address().getPort() + "/echo";
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), uri)
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            boolean finished = p.waitFor(300, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            reader.join(5000);
            String output;
            synchronized (lines) {
                output = String.join("\n", lines);
            }
            assertTrue(finished, "Python client did not finish within 300 s:\n" + output);
            assertEquals(0, p.exitValue(), "Python websockets client failed:\n" + output);
            assertTrue(output.contains("ALL PASSED"), output);
        } finally {
            server.stop();
        }
    }
}
