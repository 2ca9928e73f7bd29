package dev.ondine.bench.server.netty;

import dev.ondine.bench.server.Launcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;

/**
 * Raw Netty 4.2 (NIO transport, its own WebSocket codec, no Jakarta layer): the "close to the
 * limit" reference. /echo sends each whole message back (written as it arrives, flushed once
 * per read), /broadcast writes each text message to a {@link ChannelGroup} of its sessions.
 * Messages up to 1 MiB (frame limit and aggregation).
 */
public final class NettyEchoServer {
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private NettyEchoServer() {
    }

    /** Whether permessage-deflate is offered to clients that ask: {@code -Dbench.deflate=true}. */
    private static final boolean DEFLATE = Boolean.getBoolean("bench.deflate");

    public static void main(String[] args) throws Exception {
        Launcher.run("netty", args, (host, port) -> {
            EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            ChannelGroup broadcastGroup = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/")
                    .checkStartsWith(true)
                    .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_MESSAGE_BYTES)
                            .allowExtensions(DEFLATE).build())
                    .build();
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new HttpServerCodec(),
                                    new HttpObjectAggregator(64 * 1024));
                            if (DEFLATE) {
                                // permessage-deflate (RFC 7692), Netty's defaults; only with -Dbench.deflate=true
                                ch.pipeline().addLast(new io.netty.handler.codec.http.websocketx.extensions.compression
                                        .WebSocketServerCompressionHandler(0));
                            }
                            ch.pipeline().addLast(
                                    new WebSocketServerProtocolHandler(wsConfig),
                                    new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                                    new BenchHandler(broadcastGroup));
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            return () -> {
                channel.close().sync();
                broadcastGroup.close().awaitUninterruptibly();
                boss.shutdownGracefully().sync();
                workers.shutdownGracefully().sync();
            };
        });
    }

    /** After the handshake: echo on /echo, fan-out on /broadcast; anything else is closed. */
    static final class BenchHandler extends ChannelInboundHandlerAdapter {
        private final ChannelGroup broadcastGroup;
        private boolean broadcast;

        BenchHandler(ChannelGroup broadcastGroup) {
            this.broadcastGroup = broadcastGroup;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
                String path = done.requestUri();
                int q = path.indexOf('?');
                path = q < 0 ? path : path.substring(0, q);
                if (path.equals("/broadcast")) {
                    broadcast = true;
                    broadcastGroup.add(ctx.channel());
                } else if (!path.equals("/echo")) {
                    ctx.close();
                }
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                if (broadcast) {
                    if (msg instanceof TextWebSocketFrame) {
                        broadcastGroup.writeAndFlush(msg); // each member gets a retained duplicate
                    } else {
                        ReferenceCountUtil.release(msg);
                    }
                } else {
                    ctx.write(msg);
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

}
