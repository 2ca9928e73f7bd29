package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import dev.ondine.api.TlsConfig;
import dev.ondine.testsupport.ExternalPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The samples' echo answered to Python's {@code websockets} library (the first {@code python3}
 * on the PATH that has it, {@link ExternalPeers}; skipped with the reason without one): text
 * and binary of 0 B to 16 MiB, fragmented messages, ping, close
 * codes and 200 concurrent connections. The checks themselves are in
 * src/test/python/websockets_echo_client.py.
 */
class PythonWebsocketsEchoTest {

    @Test
    void pythonWebsocketsClientPassesEveryCheck() throws Exception {
        OndineServer server = SamplesMain.start("127.0.0.1", 0);
        try {
            runClient("ws://127.0.0.1:" + server.address().getPort() + "/echo");
        } finally {
            server.stop();
        }
    }

    /**
     * The same checks over TLS: a self-signed certificate for 127.0.0.1 made now with the
     * JDK's keytool, which the Python client trusts (its host name check stays on).
     */
    @Test
    void pythonWebsocketsClientPassesEveryCheckOverWss(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("server.p12");
        Path ca = dir.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", p12.toString(), "-storepass", "changeit",
                "-file", ca.toString());
        OndineServer server = SamplesMain.start("127.0.0.1", 0, TlsConfig.keyStore(p12, "changeit".toCharArray()));
        try {
            runClient("wss://127.0.0.1:" + server.address().getPort() + "/echo", ca.toString());
        } finally {
            server.stop();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
    }

    private static void runClient(String... args) throws Exception {
        Path script = Path.of(System.getProperty("ondine.python.client",
                "src/test/python/websockets_echo_client.py"));
        assertTrue(Files.isRegularFile(script), "missing " + script);
        {
            List<String> command = new ArrayList<>(List.of(ExternalPeers.pythonWebsockets(), script.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command)
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
        }
    }
}
