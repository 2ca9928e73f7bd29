package dev.ondine.samples.chat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which node serves the chat, as its page shows it: the runnable jar sets the HTTP address (and the
 * Hazelcast member's with {@code --cluster}) and the other nodes' page addresses; in a WAR it is the
 * JVM's name ({@code pid@host}) and no other node.
 */
public final class ChatNode {
    private static volatile String description = ManagementFactory.getRuntimeMXBean().getName();
    private static volatile Supplier<List<String>> otherPages = List::of;

    private ChatNode() {
    }

    /** Sets what the page shows of this node, and where the other nodes' chat pages are (for its reconnect). */
    public static void set(String description, Supplier<List<String>> otherPages) {
        ChatNode.description = Objects.requireNonNull(description, "description");
        ChatNode.otherPages = Objects.requireNonNull(otherPages, "otherPages");
    }

    /** The notice a new session receives first: {@code {"peers":[...],"text":"...","type":"node"}}. */
    static Notice notice() {
        return new Notice("node", description, List.copyOf(otherPages.get()));
    }

    /**
     * The first message of each session, to it alone: which node serves it ({@code text}) and the other
     * nodes' chat pages ({@code peers}, {@code http://host:port/}), where the page goes when this node is gone.
     */
    public record Notice(String type, String text, List<String> peers) {
    }
}
