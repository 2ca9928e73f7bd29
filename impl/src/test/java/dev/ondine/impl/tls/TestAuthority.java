package dev.ondine.impl.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static dev.ondine.impl.tls.TestCertificates.keytool;
import static dev.ondine.impl.tls.TestCertificates.load;

/**
 * A certificate authority made for a test run with the JDK's {@code keytool} (no key is ever
 * committed), and the client certificates it issues: each in a PKCS#12 key store whose key
 * entry holds the chain client, then authority, as a TLS client sends it (RFC 8446 §4.4.2).
 */
final class TestAuthority {
    private static final String PASSWORD = new String(TestCertificates.PASSWORD);

    private final Path dir;
    private final Path keyStore;
    /** The authority's certificate, PEM: what a server trusts for client certificates. */
    final Path certificatePem;

    private TestAuthority(Path dir, Path keyStore, Path certificatePem) {
        this.dir = dir;
        this.keyStore = keyStore;
        this.certificatePem = certificatePem;
    }

    static TestAuthority create(Path dir, String name) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".crt.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "2", "-keystore", p12.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", p12.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        return new TestAuthority(dir, p12, pem);
    }

    /** A client certificate for {@code dname} (e.g. {@code CN=alice,O=Ondine}), signed by this authority. */
    Client issue(String fileName, String dname) throws Exception {
        Path p12 = dir.resolve(fileName + ".p12");
        Path csr = dir.resolve(fileName + ".csr");
        Path crt = dir.resolve(fileName + ".crt.pem");
        String store = p12.toString();
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-certreq", "-alias", "client", "-keystore", store, "-storepass", PASSWORD, "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-infile", csr.toString(), "-outfile", crt.toString(), "-validity", "2",
                "-ext", "ku:c=digitalSignature", "-ext", "eku=clientAuth");
        // The authority first, so that the signed certificate's import builds the chain to it.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store, "-storepass", PASSWORD,
                "-file", certificatePem.toString());
        keytool("-importcert", "-alias", "client", "-keystore", store, "-storepass", PASSWORD, "-file", crt.toString());
        return new Client(p12, "client");
    }

    /** A client's key store and the alias of its key. */
    static final class Client {
        final Path keyStore;
        final String alias;

        Client(Path keyStore, String alias) {
            this.keyStore = keyStore;
            this.alias = alias;
        }

        /** The chain in the key store: the client's certificate, then the authority's. */
        List<X509Certificate> chain() throws Exception {
            List<X509Certificate> chain = new ArrayList<>();
            for (java.security.cert.Certificate c : load(keyStore).getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            return chain;
        }

        /** A client context that presents this certificate and trusts {@code server} alone. */
        SSLContext context(TestCertificates server) throws Exception {
            return context(server, false);
        }

        /**
         * As {@link #context}, presenting the certificate even when the server names other
         * authorities in its request (RFC 8446 §4.2.4), where the JDK's key manager offers none.
         */
        SSLContext insistingContext(TestCertificates server) throws Exception {
            return context(server, true);
        }

        private SSLContext context(TestCertificates server, boolean insist) throws Exception {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore ks = load(keyStore);
            for (String other : java.util.Collections.list(ks.aliases())) {
                if (!other.equals(alias)) {
                    ks.deleteEntry(other); // only the key entry: its chain already holds the authority
                }
            }
            kmf.init(ks, TestCertificates.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(server.trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            X509ExtendedKeyManager keys = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
            context.init(new KeyManager[] {insist ? new Insisting(keys, alias) : keys}, tmf.getTrustManagers(), null);
            return context;
        }
    }

    /** A key manager that offers its one client key whatever the server asks for. */
    private static final class Insisting extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;
        private final String alias;

        Insisting(X509ExtendedKeyManager keys, String alias) {
            this.keys = keys;
            this.alias = alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return keys.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return keys.getPrivateKey(name);
        }
    }
}
