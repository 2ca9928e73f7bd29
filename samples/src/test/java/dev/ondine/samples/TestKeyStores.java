package dev.ondine.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key stores for the samples' TLS tests, made at test time. */
public final class TestKeyStores {
    private TestKeyStores() {
    }

    /** A PKCS#12 store in {@code dir} with one self-signed EC key ({@code CN=localhost}, no SAN), made with the JDK's keytool. */
    public static Path selfSigned(Path dir, String password) throws Exception {
        Path store = dir.resolve("server-" + password + ".p12");
        if (Files.exists(store)) {
            return store;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, p.exitValue(), "keytool");
        KeyStore.getInstance(store.toFile(), password.toCharArray());
        return store;
    }
}
