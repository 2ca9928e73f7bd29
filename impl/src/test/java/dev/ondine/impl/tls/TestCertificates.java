package dev.ondine.impl.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made for a test run with the JDK's own {@code keytool} in a
 * temporary folder: no key is ever committed. Each has a PKCS#12 key store, the same
 * certificate and key as PEM files, and a trust context that trusts it alone.
 */
public final class TestCertificates {
    public static final char[] PASSWORD = "changeit".toCharArray();

    public final Path keyStore;
    public final Path certificatePem;
    public final Path privateKeyPem;

    private TestCertificates(Path keyStore, Path certificatePem, Path privateKeyPem) {
        this.keyStore = keyStore;
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    /**
     * A certificate for {@code san} (keytool's syntax, e.g. {@code ip:127.0.0.1,dns:localhost}).
     *
     * @param keyAlg {@code RSA} or {@code EC}
     */
    public static TestCertificates generate(Path dir, String name, String san, String keyAlg) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", "server", "-keyalg", keyAlg,
                "-dname", "CN=" + name, "-ext", "SAN=" + san, "-validity", "2", "-keystore", p12.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        if (keyAlg.equals("RSA")) {
            args.addAll(List.of("-keysize", "2048"));
        } else {
            args.addAll(List.of("-groupname", "secp256r1"));
        }
        keytool(args.toArray(new String[0]));
        KeyStore ks = load(p12);
        Certificate cert = ks.getCertificate("server");
        Key key = ks.getKey("server", PASSWORD);
        Path certPem = dir.resolve(name + ".crt.pem");
        Path keyPem = dir.resolve(name + ".key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new TestCertificates(p12, certPem, keyPem);
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext trustingContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A key store whose one trusted entry is this certificate. */
    KeyStore trustStore() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("test", load(keyStore).getCertificate("server"));
        return trust;
    }

    /** A PKCS#12 key store of this class's password. */
    static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Runs the JDK's keytool with {@code args}; fails with its output. */
    static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
