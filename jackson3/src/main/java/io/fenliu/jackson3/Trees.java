package io.fenliu.jackson3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Copies JSON trees between Jackson 2 and Jackson 3, node for node, keeping each number's own kind (an int stays an
 * int) so fenliu-jackson's checks of JSON types ("expected an integer in int range") see what the document held.
 */
final class Trees {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Trees() {}

  /** Streams a tree fenliu-jackson built (objects, arrays, strings, numbers, booleans) to a Jackson 3 generator. */
  static void write(com.fasterxml.jackson.databind.JsonNode node, JsonGenerator gen) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        gen.writeStartObject();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : node.properties()) {
          gen.writeName(e.getKey());
          write(e.getValue(), gen);
        }
        gen.writeEndObject();
      }
      case ARRAY -> {
        gen.writeStartArray();
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
          write(child, gen);
        }
        gen.writeEndArray();
      }
      case STRING -> gen.writeString(node.textValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> gen.writeNumber(node.intValue());
          case LONG -> gen.writeNumber(node.longValue());
          case BIG_INTEGER -> gen.writeNumber(node.bigIntegerValue());
          case BIG_DECIMAL -> gen.writeNumber(node.decimalValue());
          default -> gen.writeNumber(node.doubleValue());
        }
      }
      case BOOLEAN -> gen.writeBoolean(node.booleanValue());
      case NULL, MISSING -> gen.writeNull();
      default -> throw new IllegalStateException("fenliu-jackson wrote a " + node.getNodeType()
          + " node, which has no JSON form; this is a bug in fenliu-jackson3");
    }
  }

  /** The Jackson 2 copy of a tree a Jackson 3 parser read. */
  static com.fasterxml.jackson.databind.JsonNode toJackson2(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          o.set(e.getKey(), toJackson2(e.getValue()));
        }
        yield o;
      }
      case ARRAY -> {
        ArrayNode a = F.arrayNode(node.size());
        for (JsonNode child : node) {
          a.add(toJackson2(child));
        }
        yield a;
      }
      case STRING -> F.textNode(node.stringValue());
      case NUMBER -> number(node);
      case BOOLEAN -> F.booleanNode(node.booleanValue());
      case BINARY -> F.binaryNode(node.binaryValue());
      case MISSING -> F.missingNode();
      case NULL -> F.nullNode();
      case POJO -> F.pojoNode(((tools.jackson.databind.node.POJONode) node).getPojo());
    };
  }

  private static com.fasterxml.jackson.databind.JsonNode number(JsonNode node) {
    if (node.isInt()) {
      return F.numberNode(node.intValue());
    } else if (node.isLong()) {
      return F.numberNode(node.longValue());
    } else if (node.isBigInteger()) {
      return F.numberNode(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      return F.numberNode(node.decimalValue());
    } else if (node.isFloat()) {
      return F.numberNode(node.floatValue());
    }
    return F.numberNode(node.doubleValue());
  }
}
