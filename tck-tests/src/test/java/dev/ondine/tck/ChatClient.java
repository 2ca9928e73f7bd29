package dev.ondine.tck;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat client of the samples' /chat/{room} (the JDK's WebSocket client): it keeps every event it
 * receives, the chat messages as {@code type user text} lines ({@code message ada hi}), the node notice
 * as {@code node TEXT} with its peers' pages.
 */
final class ChatClient implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|\\[([^]]*)])");

    final String user;
    private final JdkWebSocketClient ws;
    private final List<String> events = new ArrayList<>();
    private final List<String> peers = new ArrayList<>();
    private final Thread reader;

    private ChatClient(String user, JdkWebSocketClient ws) {
        this.user = user;
        this.ws = ws;
        reader = new Thread(this::read, "chat-client-" + user);
        reader.setDaemon(true);
        reader.start();
    }

    static ChatClient connect(String url, String user) throws Exception {
        return new ChatClient(user, JdkWebSocketClient.connect(URI.create(url)));
    }

    private void read() {
        try {
            while (true) {
                Object o = ws.received.take();
                String line = o instanceof String s ? parse(s) : String.valueOf(o);
                synchronized (events) {
                    events.add(line);
                    events.notifyAll();
                }
                if (line.startsWith("close:") || line.startsWith("error:")) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String parse(String json) {
        if (!json.startsWith("{")) {
            return json;
        }
        String type = "";
        String from = "";
        String text = "";
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            switch (m.group(1)) {
                case "type" -> type = m.group(3);
                case "user" -> from = m.group(3);
                case "text" -> text = m.group(3);
                case "peers" -> {
                    synchronized (peers) {
                        peers.clear();
                        for (String p : m.group(4).split(",")) {
                            if (!p.isBlank()) {
                                peers.add(p.strip().replace("\"", ""));
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        return type.equals("node") ? "node " + text : type + " " + from + " " + text;
    }

    void say(String text) throws Exception {
        ws.send("{\"text\":\"" + text + "\"}");
    }

    /** Every event so far. */
    List<String> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** The other nodes' chat pages, from the node notice. */
    List<String> peers() {
        synchronized (peers) {
            return new ArrayList<>(peers);
        }
    }

    /** The texts of {@code from}'s messages received so far, in order. */
    List<String> textsFrom(String from) {
        String prefix = "message " + from + " ";
        return events().stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).toList();
    }

    /** Waits up to {@code seconds} for an event matching {@code wanted}; false if none came. */
    boolean await(Predicate<List<String>> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (events) {
            while (!wanted.test(events)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                events.wait(left);
            }
            return true;
        }
    }

    boolean awaitEvent(String event, long seconds) throws InterruptedException {
        return await(e -> e.contains(event), seconds);
    }

    @Override
    public void close() {
        try {
            ws.ws.abort();
        } catch (RuntimeException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
