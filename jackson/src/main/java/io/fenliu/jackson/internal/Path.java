package io.fenliu.jackson.internal;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A JSON path such as {@code groups[0].members[1].weight}, immutable and built one step at a time as a reader
 * descends. The root prints as {@code $}. The path starts where the parser stood when a Fenliu value began, so a
 * Fenliu value nested in a host's own document is reported with the host's path in front.
 */
final class Path {
  private static final Path ROOT = new Path(null, "");

  private final @Nullable Path parent;
  /** ".name", "[3]", or "" for the root. */
  private final String step;

  private Path(@Nullable Path parent, String step) {
    this.parent = parent;
    this.step = step;
  }

  static Path root() {
    return ROOT;
  }

  /**
   * The path of the value starting at the parser's current token: the parser's context chain, read from the root
   * down. At a START_OBJECT or START_ARRAY the parser has already entered the value's own context, whose parent
   * holds the field name or index that leads to it.
   */
  static Path at(JsonStreamContext context, @Nullable JsonToken token) {
    JsonStreamContext c = context;
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && c.getParent() != null) {
      c = c.getParent();
    }
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) {
      chain.push(x);
    }
    Path p = ROOT;
    for (JsonStreamContext x : chain) {
      if (x.inArray()) {
        p = p.index(Math.max(0, x.getCurrentIndex()));
      } else {
        String name = x.getCurrentName();
        if (name != null) {
          p = p.field(name);
        }
      }
    }
    return p;
  }

  Path field(String name) {
    return new Path(this, "." + name);
  }

  Path index(int i) {
    return new Path(this, "[" + i + "]");
  }

  @Override
  public String toString() {
    if (parent == null) {
      return "$";
    }
    StringBuilder sb = new StringBuilder();
    append(sb);
    return sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  private void append(StringBuilder sb) {
    Path up = parent;
    if (up != null) {
      up.append(sb);
    }
    sb.append(step);
  }
}
