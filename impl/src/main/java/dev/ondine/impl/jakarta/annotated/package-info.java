/**
 * Rule: the Jakarta layer never sees the frame codecs nor a transport ({@code transport.nio},
 * {@code transport.servlet}) nor a bootstrap. Annotated endpoints: the model of a
 * {@code @ServerEndpoint} or {@code @ClientEndpoint} class, validated once at deployment, and
 * the endpoint that runs a POJO's methods.
 */
package dev.ondine.impl.jakarta.annotated;
