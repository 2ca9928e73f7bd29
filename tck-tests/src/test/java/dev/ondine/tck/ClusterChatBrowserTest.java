package dev.ondine.tck;

import dev.ondine.testsupport.ExternalPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' chat page on two nodes of a cluster of JVMs (node/cluster-chat-test.js in headless
 * Chromium through playwright-core): a page on each node, one room, messages both ways; after
 * {@code kill -9} of the second node its page moves to the first node's page by itself and chats
 * on. Saves a screenshot to {@code ondine.clusterChat.screenshot} (target/docs/cluster-chat.png).
 * Needs Node.js and Chromium ({@link PageScript}: skipped with the reason without them).
 */
class ClusterChatBrowserTest {

    @Test
    @Timeout(180)
    void twoPagesOnTwoNodesAndAMoveAfterAKill() throws Exception {
        ExternalPeers.node();
        ExternalPeers.chromium();
        Path screenshot = Path.of(System.getProperty("ondine.clusterChat.screenshot", "target/docs/cluster-chat.png"))
                .toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        try (SampleNodes cluster = new SampleNodes(2)) {
            SampleNodes.Node a = cluster.start();
            SampleNodes.Node b = cluster.start();
            try (PageScript page = new PageScript("cluster-chat-test.js", a.page(), b.page(), screenshot.toString())) {
                page.awaitLine("KILL", 90);
                b.kill();
                page.tell("KILLED");
                page.assertPasses(90);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + cluster.outputs(), e);
            }
            assertTrue(Files.size(screenshot) > 1000, "no screenshot at " + screenshot);
        }
    }
}
