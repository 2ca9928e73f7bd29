package dev.ondine.servlet.app;

import jakarta.websocket.Decoder;

public class CommandDecoder implements Decoder.Text<Command> {
    @Override
    public Command decode(String s) {
        return new Command(s.substring("cmd:".length()));
    }

    @Override
    public boolean willDecode(String s) {
        return s.startsWith("cmd:");
    }
}
