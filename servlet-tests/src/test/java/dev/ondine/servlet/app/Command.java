package dev.ondine.servlet.app;

/** A decoded message of the echo endpoint. */
public record Command(String text) {
}
