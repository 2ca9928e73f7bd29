package dev.ondine.impl.jakarta.annotated;

import dev.ondine.impl.jakarta.codec.MessageKind;

import java.util.Set;

/**
 * How an {@code @OnMessage} method receives its messages: which native formats it handles
 * (a type with both a text and a binary decoder handles both), the class its
 * {@code MessageHandler} is registered with (the box of a primitive), whether it takes parts,
 * and whether {@code maxMessageSize} applies to it — the {@code @OnMessage} javadoc: "only
 * applies when the annotation is used to process whole messages, not to those methods that
 * process messages in parts or use a stream or reader parameter".
 */
record MessageShape(Set<MessageKind> kinds, Class<?> handlerType, boolean partial, boolean sizeLimited) {

    MessageShape {
        kinds = Set.copyOf(kinds);
    }
}
