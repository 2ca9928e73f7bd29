/** The samples as a node of a Hazelcast cluster (runnable jar only). */
package dev.ondine.samples.cluster;
