package dev.ondine.arquillian;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the standalone adapter reads of WEB-INF/web.xml. */
class WebXmlTest {
    @TempDir
    Path dir;

    private WebXml read(String xml) throws Exception {
        Path f = dir.resolve("web.xml");
        Files.writeString(f, xml);
        return WebXml.read(f);
    }

    @Test
    void listenersContextParametersAndTheDisplayNameOfAJakartaDescriptor() throws Exception {
        WebXml w = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0" metadata-complete="true">
                  <display-name>App</display-name>
                  <context-param><param-name> a </param-name><param-value> 1 </param-value></context-param>
                  <listener><listener-class> x.Y </listener-class></listener>
                  <session-config><session-timeout>30</session-timeout></session-config>
                  <filter><filter-name>f</filter-name></filter>
                </web-app>""");
        assertEquals("App", w.displayName());
        assertEquals(Map.of("a", "1"), w.contextParams());
        assertEquals(List.of("x.Y"), w.listenerClasses());
        assertTrue(w.metadataComplete());
        assertEquals(List.of("<filter>"), w.unsupported());
    }

    @Test
    void anOldDescriptorWithADoctypeIsReadWithoutFetchingItsDtd() throws Exception {
        WebXml w = read("""
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
                    "http://java.sun.com/dtd/web-app_2_3.dtd">
                <web-app><display-name>Old</display-name></web-app>""");
        assertEquals("Old", w.displayName());
        assertFalse(w.metadataComplete());
        assertEquals(List.of(), w.unsupported());
    }

    @Test
    void anUnreadableDescriptorIsReportedNotFatal() throws Exception {
        WebXml w = read("<web-app><display-name>broken</web-app>");
        assertEquals(1, w.unsupported().size());
        assertTrue(w.unsupported().get(0).startsWith("(unreadable: "), w.unsupported().toString());
    }
}
