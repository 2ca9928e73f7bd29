package dev.ondine.arquillian;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the standalone server takes from an archive's {@code WEB-INF/web.xml}: the display
 * name, the context parameters, the listener classes and {@code metadata-complete}; and the
 * names of the other top-level elements (servlets, filters, security...), which it cannot honour.
 */
record WebXml(String displayName, Map<String, String> contextParams, List<String> listenerClasses,
              boolean metadataComplete, List<String> unsupported) {

    /** What the server understands, or ignores without loss. */
    private static final Set<String> UNDERSTOOD = Set.of("display-name", "description", "icon", "context-param",
            "listener", "distributable", "module-name", "absolute-ordering", "ordering", "welcome-file-list",
            "mime-mapping", "session-config", "locale-encoding-mapping-list", "deny-uncovered-http-methods",
            "request-character-encoding", "response-character-encoding");

    static final WebXml NONE = new WebXml(null, Map.of(), List.of(), false, List.of());

    static WebXml read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            doc = f.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            // What a web container would refuse; the standalone server keeps the WebSocket parts.
            return new WebXml(null, Map.of(), List.of(), false, List.of("(unreadable: " + e.getMessage() + ")"));
        }
        Element root = doc.getDocumentElement();
        String displayName = null;
        Map<String, String> params = new LinkedHashMap<>();
        List<String> listeners = new ArrayList<>();
        Set<String> unsupported = new LinkedHashSet<>();
        for (Element e : children(root)) {
            String name = localName(e);
            switch (name) {
                case "display-name" -> displayName = e.getTextContent().trim();
                case "context-param" -> params.put(text(e, "param-name"), text(e, "param-value"));
                case "listener" -> listeners.add(text(e, "listener-class"));
                default -> {
                    if (!UNDERSTOOD.contains(name)) {
                        unsupported.add("<" + name + ">");
                    }
                }
            }
        }
        return new WebXml(displayName, params, listeners, Boolean.parseBoolean(root.getAttribute("metadata-complete")),
                List.copyOf(unsupported));
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static String text(Element parent, String child) {
        for (Element e : children(parent)) {
            if (localName(e).equals(child)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }
}
