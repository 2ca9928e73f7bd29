package dev.ondine.payara;

import org.glassfish.embeddable.GlassFish;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * The domain.xml of the tests: Payara's own embedded {@code config/domain.xml} (read from the
 * payara-embedded-all jar), with every listener on 127.0.0.1, the HTTPS listener off, Grizzly's
 * WebSocket add-on off and Hazelcast off. (The embedded domain has no JMS broker.)
 */
public final class PayaraDomain {
    private PayaraDomain() {
    }

    /** The domain.xml text with the HTTP listener on 127.0.0.1:{@code http}. */
    public static String loopback(int http, int https, int admin) throws IOException {
        String xml;
        try (InputStream in = GlassFish.class.getClassLoader().getResourceAsStream("config/domain.xml")) {
            if (in == null) {
                throw new IOException("no config/domain.xml in payara-embedded-all");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        xml = replace(xml, "address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        xml = replace(xml, "<network-listener port=\"8080\"",
                "<network-listener address=\"127.0.0.1\" port=\"" + http + "\"");
        xml = replace(xml, "<network-listener port=\"8181\"",
                "<network-listener enabled=\"false\" address=\"127.0.0.1\" port=\"" + https + "\"");
        // Payara refuses to disable the admin listener (the __asadmin virtual server uses it).
        xml = replace(xml, "<network-listener port=\"4848\"",
                "<network-listener address=\"127.0.0.1\" port=\"" + admin + "\"");
        // Grizzly's own WebSocket add-on (Tyrus at the listener) would take upgrade requests before
        // the servlet container sees them; Ondine's filter needs them.
        xml = replace(xml, "<http default-virtual-server=\"server\" max-connections=\"250\">",
                "<http default-virtual-server=\"server\" max-connections=\"250\" websockets-support-enabled=\"false\">");
        xml = replace(xml, "<hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\">");
        return xml;
    }

    /**
     * {@code xml} with one more file realm, {@code name}, whose users are in {@code keyfile}
     * (written with {@link #writeKeyfile}), and with the default principal-to-role mapping
     * on: a group of the realm is the role of the same name, without a
     * {@code security-role-mapping} in each application.
     */
    public static String withFileRealm(String xml, String name, java.nio.file.Path keyfile) {
        xml = replace(xml, "<security-service>", "<security-service activate-default-principal-to-role-mapping=\"true\">");
        return replace(xml, "<auth-realm classname=\"com.sun.enterprise.security.auth.realm.certificate.CertificateRealm\" name=\"certificate\" />",
                "<auth-realm classname=\"com.sun.enterprise.security.auth.realm.file.FileRealm\" name=\"" + name + "\">"
                        + "<property value=\"" + keyfile.toAbsolutePath() + "\" name=\"file\" />"
                        + "<property value=\"fileRealm\" name=\"jaas-context\" /></auth-realm>"
                        + "<auth-realm classname=\"com.sun.enterprise.security.auth.realm.certificate.CertificateRealm\" name=\"certificate\" />");
    }

    /** A file realm's keyfile with one user in {@code groups}, written by Payara's own FileRealm (salted hashes). */
    public static void writeKeyfile(java.nio.file.Path keyfile, String user, String password, String... groups) throws Exception {
        java.nio.file.Files.deleteIfExists(keyfile);
        java.nio.file.Files.createFile(keyfile);
        com.sun.enterprise.security.auth.realm.file.FileRealm realm =
                new com.sun.enterprise.security.auth.realm.file.FileRealm(keyfile.toAbsolutePath().toString());
        realm.addUser(user, password.toCharArray(), groups);
        realm.persist();
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("Payara's domain.xml has no " + what);
        }
        return text.replace(what, with);
    }
}
