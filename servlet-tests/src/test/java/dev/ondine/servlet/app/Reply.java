package dev.ondine.servlet.app;

/** What the echo endpoint answers, encoded by {@link ReplyEncoder}. */
public record Reply(String room, String text, String report) {
}
