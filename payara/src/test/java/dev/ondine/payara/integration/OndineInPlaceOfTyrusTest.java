package dev.ondine.payara.integration;

import dev.ondine.impl.servlet.OndineServletContainerInitializer;
import fish.payara.web.loader.ServletContainerInitializerBlacklist;
import jakarta.servlet.ServletContainerInitializer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blacklist against the real initializer classes (Tyrus's from Payara's jar, Ondine's from impl). */
class OndineInPlaceOfTyrusTest {

    @SuppressWarnings("unchecked")
    private static Class<? extends ServletContainerInitializer> tyrus() throws ClassNotFoundException {
        return (Class<? extends ServletContainerInitializer>) Class.forName(OndineInPlaceOfTyrus.TYRUS, false,
                OndineInPlaceOfTyrusTest.class.getClassLoader());
    }

    @Test
    void removesTyrusWhenOndineIsThere() throws Exception {
        Map<Class<? extends ServletContainerInitializer>, Set<Class<?>>> initializers = new HashMap<>();
        initializers.put(tyrus(), Set.of());
        initializers.put(OndineServletContainerInitializer.class, Set.of());
        new OndineInPlaceOfTyrus().removeServletContainerInitializers(initializers);
        assertEquals(Set.of(OndineServletContainerInitializer.class), initializers.keySet());
    }

    @Test
    void leavesAnApplicationWithoutOndineAlone() throws Exception {
        Map<Class<? extends ServletContainerInitializer>, Set<Class<?>>> initializers = new HashMap<>();
        initializers.put(tyrus(), Set.of());
        new OndineInPlaceOfTyrus().removeServletContainerInitializers(initializers);
        assertEquals(Set.of(tyrus()), initializers.keySet());
    }

    @Test
    void payaraFindsItWithServiceLoader() {
        boolean found = ServiceLoader.load(ServletContainerInitializerBlacklist.class).stream()
                .anyMatch(p -> p.type() == OndineInPlaceOfTyrus.class);
        assertTrue(found, "META-INF/services names the blacklist");
    }
}
