package dev.ondine.impl.jakarta.metrics;

/** One endpoint in JMX: {@code dev.ondine:type=Endpoint,application="...",endpoint="..."}. */
public interface EndpointMXBean extends MetricsMXBean {
    /** The endpoint's path template. */
    String getPath();
}
