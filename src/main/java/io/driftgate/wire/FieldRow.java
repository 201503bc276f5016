package io.driftgate.wire;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fields} object of one record, held by the positions of a {@link FieldLayout}: numbers
 * as primitives, strings as themselves, with the JSON kind of each value, and the keys the layout
 * does not declare kept aside (a closed contract counts them as violations). The parser fills one
 * row per dataset and refills it for the next record, so the hot path allocates no map and boxes no
 * number; {@link #asMap()} derives the map a record used to carry, for the rare reader that needs
 * one (violation details, tests, the demo).
 *
 * <p>A row that came from a map rather than from the parser ({@link #of(Map)}) has no layout: every
 * key is undeclared and readers fall back to the map.
 *
 * <p>Not thread-safe, and a parsed row is valid only until its parser reads the next record of the
 * same dataset: take a {@link #copy()} to keep it longer.
 */
public final class FieldRow implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The key is not in the record. */
  public static final byte ABSENT = 0;

  /** JSON {@code null}. */
  public static final byte NULL = 1;

  /** An integer within {@code int} range: {@link #longValue} and {@link #number}. */
  public static final byte INT = 2;

  /**
   * An integer within {@code long} range but not {@code int}: {@link #longValue}, {@link #number}.
   */
  public static final byte LONG = 3;

  /** An integer beyond {@code long} range: a {@link BigInteger} in {@link #value}. */
  public static final byte BIG_INTEGER = 4;

  /** A JSON number with a fraction or exponent: {@link #number}. */
  public static final byte DOUBLE = 5;

  /** A string: {@link #string}. */
  public static final byte STRING = 6;

  public static final byte TRUE = 7;
  public static final byte FALSE = 8;

  /** A nested object: a {@code Map} in {@link #value}. */
  public static final byte OBJECT = 9;

  /** An array: a {@code List} in {@link #value}. */
  public static final byte ARRAY = 10;

  private final FieldLayout layout;
  private final byte[] kinds;
  private final double[] numbers;
  private final long[] longs;
  private final Object[] objects;

  /** The keys in the order they were read: a position, or {@code -1 - i} for undeclared key i. */
  private int[] order;

  private int keyCount;

  /** How many positions hold an object (string, big integer, map, list): none need clearing. */
  private int objectCount;

  private final List<String> undeclaredNames;
  private final List<Object> undeclaredValues;
  private int mapCapacity;

  /** The row's map when it was made from one; then there is no layout. */
  private final Map<String, Object> source;

  /** An empty row of {@code layout}, for a parser to fill. */
  public FieldRow(FieldLayout layout) {
    int size = layout.size();
    this.layout = layout;
    this.kinds = new byte[size];
    this.numbers = new double[size];
    this.longs = new long[size];
    this.objects = new Object[size];
    this.order = new int[Math.max(4, size)];
    this.undeclaredNames = new ArrayList<>(2);
    this.undeclaredValues = new ArrayList<>(2);
    this.mapCapacity = 16;
    this.source = null;
  }

  private FieldRow(Map<String, Object> source) {
    this.layout = FieldLayout.NONE;
    this.kinds = new byte[0];
    this.numbers = new double[0];
    this.longs = new long[0];
    this.objects = new Object[0];
    this.order = new int[0];
    this.undeclaredNames = List.copyOf(source.keySet());
    this.undeclaredValues = List.of();
    this.keyCount = source.size();
    this.source = source;
  }

  /**
   * A row without layout that reads as {@code fields}, which is used as is (not copied).
   *
   * @param fields values of the Java types {@link RecordParser} documents
   */
  public static FieldRow of(Map<String, Object> fields) {
    return new FieldRow(fields);
  }

  public FieldLayout layout() {
    return layout;
  }

  /** The kind of the value at {@code position}, one of the constants of this class. */
  public byte kind(int position) {
    return kinds[position];
  }

  /** The value of an {@link #INT}, {@link #LONG} or {@link #DOUBLE} as a double. */
  public double number(int position) {
    return numbers[position];
  }

  /** The value of an {@link #INT} or {@link #LONG}. */
  public long longValue(int position) {
    return longs[position];
  }

  /** The value of a {@link #STRING}. */
  public String string(int position) {
    return (String) objects[position];
  }

  /**
   * The value at {@code position} as {@link #asMap()} holds it: {@code String}, {@code Integer},
   * {@code Long}, {@code BigInteger}, {@code Double}, {@code Boolean}, {@code Map}, {@code List},
   * or {@code null} when null or absent. Boxes numbers: not for the hot path.
   */
  public Object value(int position) {
    return switch (kinds[position]) {
      case INT -> Integer.valueOf((int) longs[position]);
      case LONG -> Long.valueOf(longs[position]);
      case DOUBLE -> Double.valueOf(numbers[position]);
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case ABSENT, NULL -> null;
      default -> objects[position];
    };
  }

  /** How many keys the record's {@code fields} object has, declared or not. */
  public int keyCount() {
    return keyCount;
  }

  /** How many of the record's keys the layout does not declare. */
  public int undeclaredCount() {
    return undeclaredNames.size();
  }

  /**
   * The record's fields as one map, as {@link RecordParser} used to build it (same types, same
   * iteration order). A new map on every call: slow, for violation details and tests.
   */
  public Map<String, Object> asMap() {
    if (source != null) {
      return source;
    }
    Map<String, Object> map = new HashMap<>(mapCapacity);
    for (int k = 0; k < keyCount; k++) {
      int at = order[k];
      if (at >= 0) {
        map.put(layout.name(at), value(at));
      } else {
        map.put(undeclaredNames.get(-1 - at), undeclaredValues.get(-1 - at));
      }
    }
    return map;
  }

  /** A row with the same content that the parser will not overwrite. */
  public FieldRow copy() {
    if (source != null) {
      return this;
    }
    FieldRow copy = new FieldRow(layout);
    System.arraycopy(kinds, 0, copy.kinds, 0, kinds.length);
    System.arraycopy(numbers, 0, copy.numbers, 0, numbers.length);
    System.arraycopy(longs, 0, copy.longs, 0, longs.length);
    System.arraycopy(objects, 0, copy.objects, 0, objects.length);
    copy.order = order.clone();
    copy.keyCount = keyCount;
    copy.objectCount = objectCount;
    copy.undeclaredNames.addAll(undeclaredNames);
    copy.undeclaredValues.addAll(undeclaredValues);
    copy.mapCapacity = mapCapacity;
    return copy;
  }

  // ------------------------------------------------------------------ filled by the parser

  /**
   * Empties the row for the next record.
   *
   * @param capacity the initial capacity {@link #asMap()} gives its map, which decides the order of
   *     its keys
   */
  void clear(int capacity) {
    if (keyCount > 0) {
      // Kinds alone mark what is set: one bulk fill. Objects are dropped (for the collector) only
      // when the row held any, which a row of numbers does not.
      Arrays.fill(kinds, ABSENT);
      if (objectCount > 0) {
        Arrays.fill(objects, null);
        objectCount = 0;
      }
    }
    keyCount = 0;
    if (!undeclaredNames.isEmpty()) {
      undeclaredNames.clear();
      undeclaredValues.clear();
    }
    mapCapacity = capacity;
  }

  /**
   * @return false when the position already holds a value: a duplicate key
   */
  boolean setIntegral(int position, byte kind, long value) {
    if (!take(position, kind)) {
      return false;
    }
    longs[position] = value;
    numbers[position] = value;
    return true;
  }

  boolean setDouble(int position, double value) {
    if (!take(position, DOUBLE)) {
      return false;
    }
    numbers[position] = value;
    return true;
  }

  boolean setObject(int position, byte kind, Object value) {
    if (!take(position, kind)) {
      return false;
    }
    objects[position] = value;
    objectCount++;
    return true;
  }

  boolean set(int position, byte kind) {
    return take(position, kind);
  }

  boolean addUndeclared(String name, Object value) {
    if (undeclaredNames.contains(name)) {
      return false;
    }
    undeclaredNames.add(name);
    undeclaredValues.add(value);
    append(-undeclaredNames.size());
    return true;
  }

  private boolean take(int position, byte kind) {
    if (kinds[position] != ABSENT) {
      return false;
    }
    kinds[position] = kind;
    append(position);
    return true;
  }

  private void append(int at) {
    if (keyCount == order.length) {
      order = Arrays.copyOf(order, order.length * 2);
    }
    order[keyCount++] = at;
  }
}
