package dev.ondine.payara.arquillian;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples WAR as `mvn package` builds it (samples/target/ondine-samples.war, with
 * ondine-payara in WEB-INF/lib) deployed into Payara: the chat page is served, and the echo
 * endpoint answers the JDK client. That Ondine, not Payara's Tyrus, serves it is checked for
 * this deployment as for every other (ServedByOndine).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SamplesWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("ondine.samples.war"));
        assertTrue(war.isFile(), war + " is built by the samples module");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @ArquillianResource
    URL base;

    @Test
    void theChatPageAndTheEchoEndpoint() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("chat.js"), page.body());

        LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        URI echo = URI.create("ws" + base.toString().substring(4) + "echo");
        WebSocket ws = http.newWebSocketBuilder().buildAsync(echo, new WebSocket.Listener() {
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
        }).get(20, TimeUnit.SECONDS);
        ws.sendText("from the samples war", true).get(10, TimeUnit.SECONDS);
        assertEquals("from the samples war", texts.poll(20, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }
}
