package io.driftgate.contract;

/**
 * One field of one record breaking the contract.
 *
 * @param field the contract field, or for {@link ViolationKind#UNKNOWN_FIELD} the record's key
 * @param detail for people reading the dead-letter output, e.g. {@code 131 is above maximum 130}
 */
public record Violation(String field, ViolationKind kind, String detail)
    implements java.io.Serializable {}
