/**
 * Who may command a rollout: Ed25519 keys per actor, their files, a registry of the public keys the
 * job trusts, and the signature a control command carries. Plain Java (the JDK's Ed25519), so the
 * job's operator only adapts it to Flink.
 */
package io.driftgate.auth;
