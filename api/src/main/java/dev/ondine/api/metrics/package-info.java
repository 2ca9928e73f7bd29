/**
 * A read-only view of Ondine's counters and gauges: {@link dev.ondine.api.metrics.ApplicationMetrics}
 * per application (a standalone server, a WAR), with the
 * {@link dev.ondine.api.metrics.EndpointMetrics} of each of its endpoints, keyed by path
 * template (never by raw URI). Counters only grow while the application runs; gauges are read
 * live. Reached through {@code OndineServer.metrics()}, the servlet context attribute
 * {@link dev.ondine.api.metrics.ApplicationMetrics#ATTRIBUTE}, or
 * {@link dev.ondine.api.metrics.OndineMetrics#applications()}. The same figures are published as
 * JMX MBeans ({@code dev.ondine:type=Application,...} and {@code dev.ondine:type=Endpoint,...})
 * and, with {@code ondine-micrometer}, as Micrometer meters.
 */
package dev.ondine.api.metrics;
