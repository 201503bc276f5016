package io.driftgate.job;

import java.io.Serializable;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for the job's low-rate value types (decisions, evaluations, commands, gate
 * state): Java serialization. The core's records hold immutable JDK collections, which Kryo cannot
 * instantiate; Java serialization handles them and records by component name, so a renamed or added
 * component survives a savepoint. The hot path never uses it: profiles travel as bytes.
 */
public final class SerializableTypeInfo<T extends Serializable> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  private SerializableTypeInfo(Class<T> type) {
    this.type = type;
  }

  public static <T extends Serializable> SerializableTypeInfo<T> forClass(Class<T> type) {
    return new SerializableTypeInfo<>(type);
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
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new JavaSerializer<>(type);
  }

  @Override
  public String toString() {
    return "Serializable<" + type.getName() + ">";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof SerializableTypeInfo<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof SerializableTypeInfo;
  }
}
