package dev.ondine.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' command line, run in-process up to the point where the server would serve: each
 * wrong setting is told in one line on standard error, without a stack trace, with exit status 2.
 */
class SamplesMainTest {

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = SamplesMain.run(args, env, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** Status 2 and exactly one line on standard error, starting with {@code start}. */
    private static void assertOneLineError(Result r, String start) {
        assertEquals(2, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith(start), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void portInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Result r = run("--port", String.valueOf(port));
            assertOneLineError(r, "Cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void unknownHost() throws Exception {
        Result r = run("--host", "no-such-host.invalid", "--port", "0");
        assertOneLineError(r, "Cannot listen on no-such-host.invalid:0: unknown host no-such-host.invalid");
    }

    @Test
    void missingKeyStore() throws Exception {
        Path missing = dir.resolve("missing.p12");
        Result r = run("--port", "0", "--tls-keystore", missing.toString(), "--tls-password", "x");
        assertOneLineError(r, "Cannot read key store " + missing + ": no such file");
    }

    @Test
    void notAKeyStore() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.p12"), "not a key store\n");
        Result r = run("--port", "0", "--tls-keystore", text.toString(), "--tls-password", "x");
        assertOneLineError(r, "Cannot open key store " + text + ": ");
    }

    @Test
    void wrongPassword() throws Exception {
        Path store = keyStore("secret");
        Result r = run("--port", "0", "--tls-keystore", store.toString(), "--tls-password", "wrong");
        assertOneLineError(r, "Cannot open key store " + store + ": wrong password");
    }

    @Test
    void wrongPasswordFromEnvironmentAndFile() throws Exception {
        Path store = keyStore("secret");
        assertOneLineError(run(Map.of("PW", "wrong"), "--tls-keystore", store.toString(), "--tls-password-env", "PW"),
                "Cannot open key store " + store + ": wrong password");
        Path file = Files.writeString(dir.resolve("pw"), "wrong\n");
        assertOneLineError(run("--tls-keystore", store.toString(), "--tls-password-file", file.toString()),
                "Cannot open key store " + store + ": wrong password");
    }

    @Test
    void missingPasswordSources() throws Exception {
        Path store = keyStore("secret");
        assertOneLineError(run("--tls-keystore", store.toString(), "--tls-password-env", "NO_SUCH_VARIABLE"),
                "Environment variable NO_SUCH_VARIABLE (--tls-password-env) is not set");
        Path missing = dir.resolve("no-password-file");
        assertOneLineError(run("--tls-keystore", store.toString(), "--tls-password-file", missing.toString()),
                "Cannot read password file " + missing + ": no such file");
    }

    /** The password from the environment or a file (its final newline dropped) opens the store: the server starts. */
    @Test
    void passwordFromEnvironmentAndFileStartsTheServer() throws Exception {
        Path store = keyStore("secret");
        Path file = Files.writeString(dir.resolve("pw"), "secret\n");
        SamplesMain.Options fromEnv = SamplesMain.Options.parse(
                new String[] {"--tls-keystore", store.toString(), "--tls-password-env", "PW"}, Map.of("PW", "secret"));
        SamplesMain.Options fromFile = SamplesMain.Options.parse(
                new String[] {"--tls-keystore", store.toString(), "--tls-password-file", file.toString()}, Map.of());
        for (SamplesMain.Options o : List.of(fromEnv, fromFile)) {
            try (var server = SamplesMain.start("127.0.0.1", 0, o.tls())) {
                assertTrue(server.address().getPort() > 0);
            }
        }
    }

    @Test
    void badClusterValues() throws Exception {
        assertOneLineError(run("--port", "0", "--cluster", "nonsense"), "--cluster: Not a cluster address: nonsense");
        assertOneLineError(run("--port", "0", "--cluster", "127.0.0.1:x"), "--cluster: Not a port: x");
        assertOneLineError(run("--port", "0", "--cluster", "127.0.0.1:5703-5701"), "--cluster: Not a port range: 5703-5701");
        assertOneLineError(run("--port", "0", "--cluster", "127.0.0.1:1-70000"), "--cluster: Not a port: 70000");
        assertOneLineError(run("--port", "0", "--cluster", "127.0.0.1"), "--cluster: Not a cluster address: 127.0.0.1");
    }

    /** Every port of the range taken: one line, status 2, and the HTTP server it had started is stopped again. */
    @Test
    void clusterPortsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Result r = run("--port", "0", "--cluster", "127.0.0.1:" + port);
            assertOneLineError(r, "Cannot join the cluster 127.0.0.1:" + port + ": Cannot start a Hazelcast member on 127.0.0.1:"
                    + port + ": ");
        }
    }

    @Test
    void wrongArguments() throws Exception {
        Result unknown = run("--frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("Unknown argument: --frobnicate"), unknown.err());
        assertTrue(unknown.err().contains("Usage:"), unknown.err());
        assertEquals(2, run("--port", "99999").status());
        assertEquals(2, run("--port").status());
        assertEquals(2, run("--tls-cert", "a.pem").status());
        assertEquals(2, run("--tls-password", "a", "--tls-password-env", "B", "--tls-keystore", "k.p12").status());
    }

    @Test
    void versionAndHelp() throws Exception {
        Result version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().matches("Ondine samples \\S.*\\R"), version.out());
        assertEquals("", version.err());
        Result help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--tls-password-env NAME") && help.out().contains("--tls-password-file PATH"), help.out());
    }

    private Path keyStore(String password) throws Exception {
        return TestKeyStores.selfSigned(dir, password);
    }
}
