package dev.ondine.tck;

import dev.ondine.api.OndineServer;
import dev.ondine.samples.SamplesMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' chat page in headless Chromium (node/chat-test.js through playwright-core):
 * two pages in one room see each other's join and leave notices and messages, and survive a
 * restart of the server on the same port through the page's own reconnect. Saves a
 * screenshot to {@code ondine.chat.screenshot} (the pom's: target/docs/chat.png; docs/chat.png with
 * {@code -Pdocs}). Needs Node.js and Chromium ({@link PageScript}: skipped with the reason without them).
 */
class ChatPageBrowserTest {

    @Test
    @Timeout(120)
    void twoPagesChatAndSurviveAServerRestart() throws Exception {
        Path screenshot = Path.of(System.getProperty("ondine.chat.screenshot", "target/docs/chat.png")).toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        OndineServer server = SamplesMain.start("127.0.0.1", 0);
        int port = server.address().getPort();
        try (PageScript page = new PageScript("chat-test.js", "http://127.0.0.1:" + port + "/", screenshot.toString())) {
            page.awaitLine("STOP", 60);
            server.stop();
            page.awaitLine("CLOSED", 30);
            server = PageScript.startSamplesOnSamePort(port);
            page.tell("STARTED");
            page.assertPasses(60);
            assertTrue(Files.size(screenshot) > 1000, "no screenshot at " + screenshot);
        } finally {
            server.stop();
        }
    }
}
