/**
 * Rule: the Jakarta layer never sees the frame codecs nor a transport ({@code transport.nio},
 * {@code transport.servlet}) nor a bootstrap. Encoders and decoders per session, with their
 * lifecycle, generic type resolution and the built-in conversions of primitives.
 */
package dev.ondine.impl.jakarta.codec;
