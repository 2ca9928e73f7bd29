package dev.ondine.tck;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runnable {@code samples/target/ondine-samples.jar} as built: nothing of Payara in it, JSON-B's
 * implementation in it (usable: Yasson reads records only from its multi-release classes), and
 * {@code --version} prints the project's version.
 */
class SamplesJarTest {
    private static final Path JAR = Path.of("..", "samples", "target", "ondine-samples.jar");

    @Test
    void runnableJarHasYassonAndNoPayara() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "samples/target/ondine-samples.jar is built by mvn package");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            // ondine-hazelcast's PayaraHazelcast (a JNDI lookup, no Payara class) is no part of Payara.
            List<String> payara = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.toLowerCase(Locale.ROOT).contains("payara"))
                    .filter(n -> !n.equals("dev/ondine/hazelcast/PayaraHazelcast.class")).toList();
            assertEquals(List.of(), payara, "Payara in the runnable jar");
            assertNotNull(jar.getEntry("org/eclipse/yasson/JsonBindingProvider.class"), "Yasson in the runnable jar");
            assertNotNull(jar.getEntry("org/eclipse/parsson/JsonProviderImpl.class"), "Parsson in the runnable jar");
            Manifest manifest = jar.getManifest();
            assertEquals("true", manifest.getMainAttributes().getValue("Multi-Release"));
            assertNotNull(jar.getEntry("com/hazelcast/core/Hazelcast.class"), "Hazelcast in the runnable jar (--cluster)");
            assertTrue(manifest.getMainAttributes().getValue("Add-Opens").contains("java.base/sun.nio.ch"),
                    "the JDK packages Hazelcast asks for are opened by the manifest");
        }
    }

    /** The WAR's chat runs on one node: neither Hazelcast nor the samples' cluster classes in it. */
    @Test
    void warHasNoHazelcast() throws Exception {
        Path war = Path.of("..", "samples", "target", "ondine-samples.war");
        assumeTrue(Files.isRegularFile(war), "samples/target/ondine-samples.war is built by mvn package");
        try (JarFile jar = new JarFile(war.toFile())) {
            List<String> hazelcast = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.contains("hazelcast") || n.contains("samples/cluster/")).toList();
            assertEquals(List.of(), hazelcast, "Hazelcast in the WAR");
            assertNotNull(jar.getEntry("WEB-INF/classes/dev/ondine/samples/chat/ChatEndpoint.class"));
        }
    }

    @Test
    void versionOption() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "samples/target/ondine-samples.jar is built by mvn package");
        String version;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        assertNotNull(version, "Implementation-Version of the runnable jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--version").start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "--version returned");
        assertEquals("Ondine samples " + version, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue());
    }
}
