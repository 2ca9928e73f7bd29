/**
 * Ondine's broadcast groups across the nodes of a Hazelcast cluster.
 * {@link dev.ondine.hazelcast.HazelcastRelay} is a {@link dev.ondine.api.broadcast.GroupRelay}: each
 * group's publishes travel on a Hazelcast reliable topic (a ring buffer, so a node that falls behind
 * receives the messages in order or learns how many it lost), and each node's member counts sit in a
 * Hazelcast map, so that a group's presence is counted across the cluster. The instance is the
 * application's own, Payara's ({@link dev.ondine.hazelcast.PayaraHazelcast}), or a member started by
 * {@link dev.ondine.hazelcast.HazelcastMember} that joins its peers over TCP/IP.
 */
package dev.ondine.hazelcast;
