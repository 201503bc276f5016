package io.driftgate.serde;

import io.driftgate.job.SourceRecord;
import io.driftgate.wire.ObservedRecord;
import io.driftgate.wire.RejectReason;
import io.driftgate.wire.Rejection;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A record as the source read it. Normally it never leaves the source's thread (the profiling step
 * is chained to it); when it must cross the network, its row goes as the map of its fields in their
 * iteration order, each value tagged with its JSON type, and arrives as a row without layout, which
 * the profiler reads through that map: slower, the same profile.
 */
final class SourceRecordCodec {

  private static final int NULL = 0;
  private static final int INTEGER = 1;
  private static final int LONG = 2;
  private static final int BIG_INTEGER = 3;
  private static final int DOUBLE = 4;
  private static final int STRING = 5;
  private static final int TRUE = 6;
  private static final int FALSE = 7;
  private static final int OBJECT = 8;
  private static final int ARRAY = 9;

  static final String SCHEMA =
      "SourceRecord(record:ObservedRecord(dataset:str,version:str,eventTimeMillis:long,"
          + "cohortKey:str,fields:map<str,value> in order)?,rejection:Rejection(reason:enum"
          + " wire.RejectReason,detail:str)?,original:bytes?,originSource:str,originPartition:int,"
          + "originOffset:long,observedAtMillis:long; value=tag:byte 0=null 1=int 2=long"
          + " 3=biginteger(bytes) 4=f64 5=str 6=true 7=false 8=map<str,value> 9=list<value>)";

  private SourceRecordCodec() {}

  static void write(SourceRecord record, DataOutputView out) throws IOException {
    BinaryValues.writeNullable(record.record(), SourceRecordCodec::writeObserved, out);
    BinaryValues.writeNullable(record.rejection(), SourceRecordCodec::writeRejection, out);
    BinaryValues.writeBytes(record.original(), out);
    BinaryValues.writeString(record.originSource(), out);
    out.writeInt(record.originPartition());
    out.writeLong(record.originOffset());
    out.writeLong(record.observedAtMillis());
  }

  static SourceRecord read(DataInputView in) throws IOException {
    return new SourceRecord(
        BinaryValues.readNullable(SourceRecordCodec::readObserved, in),
        BinaryValues.readNullable(SourceRecordCodec::readRejection, in),
        BinaryValues.readBytes(in),
        BinaryValues.readString(in),
        in.readInt(),
        in.readLong(),
        in.readLong());
  }

  private static void writeObserved(ObservedRecord record, DataOutputView out) throws IOException {
    BinaryValues.writeString(record.dataset(), out);
    BinaryValues.writeString(record.version(), out);
    out.writeLong(record.eventTimeMillis());
    BinaryValues.writeString(record.cohortKey(), out);
    writeObject(record.fields(), out);
  }

  private static ObservedRecord readObserved(DataInputView in) throws IOException {
    return new ObservedRecord(
        BinaryValues.readString(in),
        BinaryValues.readString(in),
        in.readLong(),
        BinaryValues.readString(in),
        readObject(in));
  }

  private static void writeRejection(Rejection rejection, DataOutputView out) throws IOException {
    BinaryValues.writeEnum(rejection.reason(), out);
    BinaryValues.writeString(rejection.detail(), out);
  }

  private static Rejection readRejection(DataInputView in) throws IOException {
    return new Rejection(
        BinaryValues.readEnum(RejectReason.class, in), BinaryValues.readString(in));
  }

  private static void writeObject(Map<?, ?> object, DataOutputView out) throws IOException {
    out.writeInt(object.size());
    for (Map.Entry<?, ?> field : object.entrySet()) {
      BinaryValues.writeString((String) field.getKey(), out);
      writeValue(field.getValue(), out);
    }
  }

  private static Map<String, Object> readObject(DataInputView in) throws IOException {
    int size = in.readInt();
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      object.put(BinaryValues.readString(in), readValue(in));
    }
    return object;
  }

  private static void writeValue(Object value, DataOutputView out) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Integer i) {
      out.writeByte(INTEGER);
      out.writeInt(i);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof BigInteger big) {
      out.writeByte(BIG_INTEGER);
      BinaryValues.writeBytes(big.toByteArray(), out);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      BinaryValues.writeDouble(d, out);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      BinaryValues.writeString(s, out);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(OBJECT);
      writeObject(map, out);
    } else if (value instanceof List<?> list) {
      out.writeByte(ARRAY);
      out.writeInt(list.size());
      for (Object element : list) {
        writeValue(element, out);
      }
    } else {
      throw new IOException("a field value of type " + value.getClass().getName());
    }
  }

  private static Object readValue(DataInputView in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case NULL -> null;
      case INTEGER -> in.readInt();
      case LONG -> in.readLong();
      case BIG_INTEGER -> new BigInteger(BinaryValues.readBytes(in));
      case DOUBLE -> BinaryValues.readDouble(in);
      case STRING -> BinaryValues.readString(in);
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case OBJECT -> readObject(in);
      case ARRAY -> {
        int size = in.readInt();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(readValue(in));
        }
        yield list;
      }
      default -> throw new IOException("unknown field value tag " + tag);
    };
  }
}
