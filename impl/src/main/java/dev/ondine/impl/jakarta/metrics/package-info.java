/**
 * The Jakarta layer's counters and gauges: {@link dev.ondine.impl.jakarta.metrics.EndpointTally}
 * (one per endpoint, the {@code ConnectionMetrics} every connection of that endpoint reports
 * to, and its {@code dev.ondine.api.metrics.EndpointMetrics} view),
 * {@link dev.ondine.impl.jakarta.metrics.ApplicationTally}, and their JMX MBeans
 * ({@link dev.ondine.impl.jakarta.metrics.MetricsMBeans}). Stands on core and
 * {@code dev.ondine.api}; never sees a frame codec or a transport.
 */
package dev.ondine.impl.jakarta.metrics;
