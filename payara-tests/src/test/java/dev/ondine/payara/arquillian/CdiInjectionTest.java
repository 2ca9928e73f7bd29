package dev.ondine.payara.arquillian;

import dev.ondine.payara.arquillian.cdi.GreetingEndpoint;
import dev.ondine.payara.arquillian.cdi.Greeter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Jakarta WebSocket 2.2 §7.1 (in a Jakarta EE container endpoints support injection) on
 * Payara with Ondine serving: Ondine makes the endpoint instances through the application's
 * CDI container, so an {@code @Inject}-ed {@code @ApplicationScoped} bean is set, and it is
 * the same bean for the endpoint instances of two connections. The WAR carries no beans.xml:
 * {@code @ApplicationScoped} makes the bean discovered (annotated bean discovery).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CdiInjectionTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Ondine's jars, the Tyrus blacklist and glassfish-web.xml are added by ArchiveForPayara.
        return ShrinkWrap.create(WebArchive.class, "cdi.war").addClasses(GreetingEndpoint.class, Greeter.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void injectedApplicationScopedBeanInTheEndpoint() throws Exception {
        String[] first = ask("ada");
        String[] second = ask("grace");
        assertEquals("hello ada", first[0], String.join("|", first));
        assertEquals("hello grace", second[0], String.join("|", second));
        assertEquals(first[1], second[1], "one @ApplicationScoped Greeter for both connections");
        assertNotEquals(first[2], second[2], "one endpoint instance per connection");
        assertEquals("dev.ondine.impl.jakarta.session.OndineSession", first[3]);
    }

    private String[] ask(String name) throws Exception {
        LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        URI uri = URI.create("ws" + base.toString().substring(4) + "greet");
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    texts.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText(name, true).get(5, TimeUnit.SECONDS);
            String answer = texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(answer, "no answer within 10 s");
            return answer.split("\\|");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }
}
