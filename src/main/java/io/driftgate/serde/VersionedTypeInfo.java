package io.driftgate.serde;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Hands Flink a {@link VersionedSerializer}: for state descriptors, side outputs and the types of
 * streams. Equal when the serializer is, so two streams of one type can be united.
 */
final class VersionedTypeInfo<T> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;

  private final VersionedSerializer<T> serializer;

  VersionedTypeInfo(VersionedSerializer<T> serializer) {
    this.serializer = serializer;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return serializer.type();
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return serializer.toString();
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof VersionedTypeInfo<?> other && other.serializer.equals(serializer);
  }

  @Override
  public int hashCode() {
    return serializer.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof VersionedTypeInfo;
  }
}
