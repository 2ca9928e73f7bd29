/**
 * Rule: the Jakarta layer never sees the frame codecs nor a transport nor a bootstrap. The
 * named groups of one container ({@code dev.ondine.api.broadcast}): membership, publishes
 * encoded once and offered to every member's connection ({@code core.SharedMessage}), and
 * the relay that carries them to and from other nodes.
 */
package dev.ondine.impl.jakarta.broadcast;
