package dev.ondine.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The published jars, as this module's tests see them (built by the reactor before this module), carry their
 * module name and version in their manifest. Skipped, with the reason, when a class comes from a folder of
 * classes rather than a jar (a run from an IDE).
 */
class PublishedManifestTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ondine-api, dev/ondine/api/OndineServer.class, dev.ondine.api",
            "ondine-impl, dev/ondine/impl/standalone/StandaloneServer.class, dev.ondine.impl",
            "ondine-payara, dev/ondine/payara/integration/OndineInPlaceOfTyrus.class, dev.ondine.payara",
            "ondine-hazelcast, dev/ondine/hazelcast/HazelcastRelay.class, dev.ondine.hazelcast"
    })
    void manifestNamesModuleAndVersion(String artifact, String classFile, String moduleName) throws IOException {
        URL url = getClass().getClassLoader().getResource(classFile);
        assertNotNull(url, classFile + " is not on the test class path");
        assumeTrue(url.getProtocol().equals("jar"), artifact + " is not a jar here (" + url + ")");
        JarURLConnection jar = (JarURLConnection) url.openConnection();
        jar.setUseCaches(false);
        assumeTrue(jar.getJarFileURL().getPath().contains(artifact), url + " is not " + artifact);
        Manifest manifest;
        try (var file = jar.getJarFile()) {
            manifest = file.getManifest();
        }
        assertNotNull(manifest, "no manifest in " + jar.getJarFileURL());
        Attributes main = manifest.getMainAttributes();
        assertEquals(moduleName, main.getValue("Automatic-Module-Name"), "Automatic-Module-Name of " + artifact);
        String version = main.getValue("Implementation-Version");
        assertNotNull(version, "Implementation-Version of " + artifact);
        assertTrue(jar.getJarFileURL().getPath().contains(artifact + "-" + version),
                "Implementation-Version " + version + " is the version in the jar's name " + jar.getJarFileURL());
        assertNotNull(main.getValue("Implementation-Title"), "Implementation-Title of " + artifact);
    }
}
