package dev.ondine.tck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples' chat on a cluster of separate JVMs on loopback ({@code --cluster}, {@link SampleNodes}):
 * clients on three nodes chat in one room; after {@code kill -9} of one node the clients of the other
 * two keep chatting with nothing lost, the killed node's client reconnects to a node its node notice
 * named; a node that joins later receives what is published after it joined.
 */
class ClusterChatProcessTest {
    private static final String ROOM = "harbour";

    @Test
    @Timeout(240)
    void threeNodesChatSurviveAKillAndWelcomeALateNode() throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        try (SampleNodes cluster = new SampleNodes(4)) {
            long started = System.nanoTime();
            SampleNodes.Node n1 = cluster.start();
            SampleNodes.Node n2 = cluster.start();
            SampleNodes.Node n3 = cluster.start();
            System.out.printf("three nodes started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            try {
                ChatClient a = connect(clients, n1, "ada");
                ChatClient b = connect(clients, n2, "bob");
                ChatClient c = connect(clients, n3, "cy");
                assertTrue(c.await(e -> e.stream().anyMatch(x -> x.startsWith("node 127.0.0.1:" + n3.httpPort)), 10),
                        "the node notice names the node: " + c.events());
                assertEquals(2, c.peers().size(), "the other two pages: " + c.peers());
                everyoneHearsEveryone(List.of(a, b, c));

                // One room across three nodes: everything from everyone, in each sender's order.
                for (int i = 0; i < 20; i++) {
                    for (ChatClient x : List.of(a, b, c)) {
                        x.say(x.user + "-" + i);
                    }
                }
                for (ChatClient x : List.of(a, b, c)) {
                    for (ChatClient from : List.of(a, b, c)) {
                        List<String> want = numbered(from.user + "-", 20);
                        assertTrue(x.await(e -> texts(e, from.user).containsAll(want), 20),
                                x.user + " got from " + from.user + ": " + x.textsFrom(from.user));
                        assertEquals(want, x.textsFrom(from.user).stream().filter(want::contains).toList(), "order");
                    }
                }

                // kill -9 of node 3 while ada and bob keep talking: nothing lost between them.
                List<String> peersOfC = c.peers();
                int sent = 60;
                Thread talk = new Thread(() -> {
                    try {
                        for (int i = 0; i < sent; i++) {
                            a.say("after-a-" + i);
                            b.say("after-b-" + i);
                            Thread.sleep(25);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                talk.start();
                Thread.sleep(300);
                long killed = System.nanoTime();
                n3.kill();
                talk.join(30_000);
                assertTrue(c.await(e -> e.stream().anyMatch(x -> x.startsWith("close:") || x.startsWith("error:")), 10),
                        "cy's connection ended: " + c.events());
                for (ChatClient x : List.of(a, b)) {
                    for (String from : List.of("ada", "bob")) {
                        List<String> want = numbered("after-" + from.charAt(0) + "-", sent);
                        assertTrue(x.await(e -> texts(e, from).containsAll(want), 30), x.user + " lost messages of "
                                + from + ": " + x.textsFrom(from) + cluster.outputs());
                        assertEquals(want, x.textsFrom(from).stream().filter(want::contains).toList(), "order");
                    }
                }
                System.out.printf("after kill -9: %d messages each way, none lost, the last within %d ms%n",
                        sent, (System.nanoTime() - killed) / 1_000_000);

                // cy reconnects to a node its notice named; the room works for it again.
                assertFalse(peersOfC.isEmpty());
                String page = peersOfC.get(0);
                ChatClient c2 = ChatClient.connect(page.replaceFirst("^http", "ws") + "chat/" + ROOM + "?user=cy&node=1", "cy");
                clients.add(c2);
                everyoneHearsEveryone(List.of(a, b, c2));

                // A node that joins later receives what is published after it joined.
                SampleNodes.Node n4 = cluster.start();
                ChatClient d = connect(clients, n4, "dee");
                everyoneHearsEveryone(List.of(a, d));
                for (int i = 0; i < 20; i++) {
                    a.say("late-" + i);
                }
                List<String> want = numbered("late-", 20);
                assertTrue(d.await(e -> texts(e, "ada").containsAll(want), 20), "dee got " + d.textsFrom("ada"));
                assertEquals(want, d.textsFrom("ada").stream().filter(want::contains).toList(), "order");
                System.out.printf("whole test %d ms%n", (System.nanoTime() - started) / 1_000_000);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + cluster.outputs(), e);
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }

    private static ChatClient connect(List<ChatClient> clients, SampleNodes.Node node, String user) throws Exception {
        ChatClient c = ChatClient.connect(node.chat(ROOM, user), user);
        clients.add(c);
        return c;
    }

    /**
     * Each client says "hello" (numbered) every 200 ms until every other client has heard it: from then on
     * each node reads the room (a node starts reading a room when its first member joins).
     */
    private static void everyoneHearsEveryone(List<ChatClient> clients) throws Exception {
        for (ChatClient from : clients) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (int i = 0; ; i++) {
                from.say("hello-" + i);
                boolean all = true;
                for (ChatClient to : clients) {
                    all &= to.await(e -> texts(e, from.user).stream().anyMatch(t -> t.startsWith("hello-")), 0)
                            || to.await(e -> texts(e, from.user).stream().anyMatch(t -> t.startsWith("hello-")), 0);
                }
                if (all) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, from.user + " was not heard by everyone within 30 s: "
                        + clients.stream().map(c -> c.user + "=" + c.events()).toList());
                Thread.sleep(200);
            }
        }
    }

    private static List<String> texts(List<String> events, String from) {
        String prefix = "message " + from + " ";
        return events.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).toList();
    }

    private static List<String> numbered(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
