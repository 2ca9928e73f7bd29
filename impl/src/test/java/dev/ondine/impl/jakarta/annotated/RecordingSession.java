package dev.ondine.impl.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written {@link Session} for the annotated-endpoint tests: it records the typed
 * {@code addMessageHandler} registrations, serves path parameters, records buffer sizes and
 * closing, and hands out a {@link RecordingBasicRemote}. Methods the adapter must not use
 * throw, so a test notices if it does.
 */
final class RecordingSession implements Session {

    /** One {@code addMessageHandler(Class, handler)} call. */
    record Registration(Class<?> type, MessageHandler handler, boolean partial) {
    }

    static final int DEFAULT_BUFFER_SIZE = 8192;

    final List<Registration> registrations = new ArrayList<>();
    final Map<String, String> pathParameters = new HashMap<>();
    final RecordingBasicRemote basicRemote = new RecordingBasicRemote();
    final List<CloseReason> closes = new ArrayList<>();
    int maxTextMessageBufferSize = DEFAULT_BUFFER_SIZE;
    int maxBinaryMessageBufferSize = DEFAULT_BUFFER_SIZE;
    private boolean open = true;

    RecordingSession withPathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    /** The whole-message handler registered for {@code type}; fails if there is none. */
    @SuppressWarnings("unchecked")
    <T> MessageHandler.Whole<T> whole(Class<T> type) {
        for (Registration registration : registrations) {
            if (registration.type() == type && !registration.partial()) {
                return (MessageHandler.Whole<T>) registration.handler();
            }
        }
        throw new AssertionError("no whole handler registered for " + type + " in " + registrations);
    }

    /** The partial-message handler registered for {@code type}; fails if there is none. */
    @SuppressWarnings("unchecked")
    <T> MessageHandler.Partial<T> partial(Class<T> type) {
        for (Registration registration : registrations) {
            if (registration.type() == type && registration.partial()) {
                return (MessageHandler.Partial<T>) registration.handler();
            }
        }
        throw new AssertionError("no partial handler registered for " + type + " in " + registrations);
    }

    List<Class<?>> registeredTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (Registration registration : registrations) {
            types.add(registration.type());
        }
        return types;
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        registrations.add(new Registration(clazz, handler, false));
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        registrations.add(new Registration(clazz, handler, true));
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException("the adapter must register with an explicit class");
    }

    @Override
    public Map<String, String> getPathParameters() {
        return pathParameters;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basicRemote;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason closeReason) {
        open = false;
        closes.add(closeReason);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public String getId() {
        return "test-session";
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        Set<MessageHandler> handlers = new java.util.HashSet<>();
        for (Registration registration : registrations) {
            handlers.add(registration.handler());
        }
        return handlers;
    }

    @Override
    public WebSocketContainer getContainer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        throw new UnsupportedOperationException("the adapter sends return values with the basic remote");
    }

    @Override
    public URI getRequestURI() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getQueryString() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Principal getUserPrincipal() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Session> getOpenSessions() {
        throw new UnsupportedOperationException();
    }
}
