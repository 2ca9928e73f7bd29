/**
 * Named groups of sessions and publishes to them: a chat room, a game lobby, a dashboard's
 * audience. {@link dev.ondine.api.broadcast.Groups#of(jakarta.websocket.Session)} finds the
 * groups of a session's container; a {@link dev.ondine.api.broadcast.Group}'s publish reaches
 * every member session on this node, encoded once, and, through an installed
 * {@link dev.ondine.api.broadcast.GroupRelay} (for example {@code ondine-hazelcast}), every member
 * on the other nodes. A slow member never blocks the publisher or the other members.
 */
package dev.ondine.api.broadcast;
