package dev.ondine.servlet.app;

import jakarta.websocket.Encoder;

public class ReplyEncoder implements Encoder.Text<Reply> {
    @Override
    public String encode(Reply r) {
        return "room=" + r.room() + " text=" + r.text() + " " + r.report();
    }
}
