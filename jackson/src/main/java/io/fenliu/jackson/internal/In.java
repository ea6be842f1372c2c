package io.fenliu.jackson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node of a document being read, with its path: the readers' only view of JSON. Every accessor either returns
 * a well-typed value or throws {@link BadJson} naming the path, so a reader is a straight line of look-ups ending
 * in one call to a library factory, wrapped in {@link #build(Class, Supplier)}.
 *
 * <p>JSON {@code null} and an absent field mean the same thing: absent. Text is never coerced from numbers or the
 * other way round, so {@code "weight": "5"} is a type error, not 5.
 */
final class In {
  private final JsonNode node;
  private final Path path;
  private final boolean failOnUnknown;

  In(JsonNode node, Path path, boolean failOnUnknown) {
    this.node = node;
    this.path = path;
    this.failOnUnknown = failOnUnknown;
  }

  Path path() {
    return path;
  }

  /**
   * Checks that this node is an object whose fields are all among {@code known}; an unknown field fails when the
   * mapper has {@code FAIL_ON_UNKNOWN_PROPERTIES} on (Jackson's default), and is skipped otherwise.
   */
  In object(Class<?> owner, String... known) {
    if (!node.isObject()) {
      throw BadJson.wrongType(path, "an object for " + owner.getSimpleName(), owner, node.getNodeType());
    }
    if (failOnUnknown) {
      List<String> names = Arrays.asList(known);
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String name = e.getKey();
        if (!names.contains(name)) {
          throw BadJson.unknownField(path.field(name), name, owner, List.copyOf(names));
        }
      }
    }
    return this;
  }

  /** The field, which must be present and not null. */
  In required(String field, Class<?> owner) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      throw BadJson.missing(path.field(field), field, owner);
    }
    return new In(child, path.field(field), failOnUnknown);
  }

  /** The field, or empty when it is absent or null. */
  Optional<In> optional(String field) {
    JsonNode child = node.get(field);
    return child == null || child.isNull() ? Optional.empty()
        : Optional.of(new In(child, path.field(field), failOnUnknown));
  }

  /** A string. */
  String text() {
    if (!node.isTextual()) {
      throw BadJson.wrongType(path, "a string", String.class, node.getNodeType());
    }
    return node.textValue();
  }

  /** An integral number that fits an int. */
  int intValue() {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw BadJson.wrongType(path, "an integer in int range", Integer.class, describe());
    }
    return node.intValue();
  }

  /** An integral number that fits a long. */
  long longValue() {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw BadJson.wrongType(path, "an integer in long range", Long.class, describe());
    }
    return node.longValue();
  }

  /** {@code true} or {@code false}. */
  boolean bool() {
    if (!node.isBoolean()) {
      throw BadJson.wrongType(path, "true or false", Boolean.class, describe());
    }
    return node.booleanValue();
  }

  /** An enum constant, by its exact name. */
  <E extends Enum<E>> E enumValue(Class<E> type) {
    String name = text();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw BadJson.badFormat(path, "'" + name + "' is not a " + type.getSimpleName() + "; expected one of "
        + Arrays.toString(type.getEnumConstants()), type, name);
  }

  /** An ISO-8601 duration such as {@code PT72H}. */
  Duration duration() {
    String text = text();
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw BadJson.badFormat(path, "'" + text + "' is not an ISO-8601 duration such as PT72H", Duration.class, text);
    }
  }

  /** An ISO-8601 instant such as {@code 2026-11-23T04:00:00Z}. */
  Instant instant() {
    String text = text();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw BadJson.badFormat(path, "'" + text + "' is not an ISO-8601 instant such as 2026-11-23T04:00:00Z",
          Instant.class, text);
    }
  }

  /** The elements of an array, each read by {@code element}. */
  <T> List<T> list(Function<In, T> element) {
    if (!node.isArray()) {
      throw BadJson.wrongType(path, "an array", List.class, node.getNodeType());
    }
    List<T> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode child = node.get(i);
      Path at = path.index(i);
      if (child.isNull()) {
        throw BadJson.missing(at, "[" + i + "]", List.class);
      }
      out.add(element.apply(new In(child, at, failOnUnknown)));
    }
    return out;
  }

  /** The fields of an object used as a map, in document order, each value read by {@code value}. */
  <K, V> Map<K, V> map(Function<In, K> key, Function<In, V> value) {
    if (!node.isObject()) {
      throw BadJson.wrongType(path, "an object", Map.class, node.getNodeType());
    }
    Map<K, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      Path at = path.field(e.getKey());
      K k = key.apply(new In(TextNode.valueOf(e.getKey()), at, failOnUnknown));
      if (e.getValue().isNull()) {
        throw BadJson.missing(at, e.getKey(), Map.class);
      }
      out.put(k, value.apply(new In(e.getValue(), at, failOnUnknown)));
    }
    return out;
  }

  /**
   * Runs a library factory; a refusal (an {@link IllegalArgumentException}, {@link IllegalStateException} or
   * {@link NullPointerException}, with the library's message) becomes a {@link BadJson} at this node's path.
   */
  <T> T build(Class<?> target, Supplier<T> factory) {
    return buildAt(path, target, factory);
  }

  /** As {@link #build}, blaming {@code field} of this node: the one field that only this factory checks. */
  <T> T buildField(String field, Class<?> target, Supplier<T> factory) {
    return buildAt(path.field(field), target, factory);
  }

  static <T> T buildAt(Path at, Class<?> target, Supplier<T> factory) {
    try {
      return factory.get();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw BadJson.refused(at, target, e);
    }
  }

  private String describe() {
    return node.isValueNode() ? node.getNodeType() + " " + node : node.getNodeType().toString();
  }
}
