package dev.ondine.payara.arquillian;

import dev.ondine.payara.arquillian.secured.WhoAmIEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Servlet security in front of Ondine's handshake on Payara (Jakarta WebSocket 2.2 §8): a
 * {@code web.xml} constraint with BASIC authentication against a file realm of the test
 * domain ({@link LoopbackDomain}); the handshake without credentials, or with a wrong
 * password, gets 401; with them, the endpoint's {@code Session.getUserPrincipal()} is the user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecuredEndpointTest {
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>secure</web-resource-name><url-pattern>/secure/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>ondine</realm-name></login-config>
              <security-role><role-name>user</role-name></security-role>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "secured.war").addClass(WhoAmIEndpoint.class)
                .setWebXML(new StringAsset(WEB_XML));
    }

    @ArquillianResource
    URL base;

    @Test
    void noCredentialsNoHandshake() {
        assertEquals(401, refused(null));
    }

    @Test
    void wrongPasswordNoHandshake() {
        assertEquals(401, refused(basic(LoopbackDomain.USER, "wrong")));
    }

    @Test
    void theEndpointSeesTheAuthenticatedUser() throws Exception {
        LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        WebSocket ws = builder(basic(LoopbackDomain.USER, LoopbackDomain.PASSWORD)).buildAsync(uri(), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                texts.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("who", true).get(5, TimeUnit.SECONDS);
        assertEquals(LoopbackDomain.USER + "|dev.ondine.impl.jakarta.session.OndineSession", texts.poll(10, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    private int refused(String authorization) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> builder(authorization).buildAsync(uri(), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    private static WebSocket.Builder builder(String authorization) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private URI uri() {
        return URI.create("ws" + base.toString().substring(4) + "secure/who");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
