/**
 * Rule: imports nothing of Ondine outside {@code dev.ondine.impl.protocol} (not even
 * {@code dev.ondine.api}): limits arrive as plain numbers. The RFC 6455 frame codec: the
 * incremental {@link dev.ondine.impl.protocol.FrameParser},
 * {@link dev.ondine.impl.protocol.FrameWriter}, masking, UTF-8 validation, close frames and
 * codes, opcodes and roles.
 */
package dev.ondine.impl.protocol;
