package dev.ondine.bench;

import dev.ondine.impl.protocol.FrameHandler;

import java.nio.ByteBuffer;

import org.openjdk.jmh.infra.Blackhole;

/**
 * A {@link FrameHandler} that hands everything to a JMH {@link Blackhole}, so the JIT cannot
 * drop the parser's work, and counts frames and payload bytes so a benchmark can check it
 * parsed what it meant to. It does no work of its own beyond that: no copy, no UTF-8 check.
 */
final class BlackholeFrameHandler implements FrameHandler {

    private final Blackhole bh;
    long frames;
    long payloadBytes;

    BlackholeFrameHandler(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
        bh.consume(payloadLength);
    }

    @Override
    public void onDataPayload(ByteBuffer chunk) {
        payloadBytes += chunk.remaining();
        bh.consume(chunk);
    }

    @Override
    public void onDataFrameEnd() {
        frames++;
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) {
        frames++;
        bh.consume(payload);
    }
}
