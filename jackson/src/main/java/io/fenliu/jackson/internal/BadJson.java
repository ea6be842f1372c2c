package io.fenliu.jackson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a document could not be read, and where: thrown inside the readers (which have no parser at hand) and turned
 * into the matching Jackson exception by {@link NodeDeserializer#deserialize}, so a host catches Jackson's usual
 * types. The message is always "{@code <path>: <why>}", where {@code why} is the library's own message when the
 * library refused the value.
 */
final class BadJson extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure, each mapped to one Jackson exception type. */
  enum Kind {
    /** A required field is missing or null: {@link MismatchedInputException}. */
    MISSING,
    /** A field holds the wrong JSON type: {@link MismatchedInputException}. */
    WRONG_TYPE,
    /** A string is not a name of the enum, an ISO-8601 duration or instant: {@link InvalidFormatException}. */
    BAD_FORMAT,
    /** A field the shape does not have: {@link UnrecognizedPropertyException}. */
    UNKNOWN_FIELD,
    /** The library refused the value: {@link ValueInstantiationException}, the library's exception as cause. */
    REFUSED
  }

  private final Kind kind;
  private final transient Path path;
  private final Class<?> target;
  private final transient @Nullable Object value;
  private final transient List<Object> known;

  private BadJson(Kind kind, Path path, String why, Class<?> target, @Nullable Object value, List<Object> known,
      @Nullable Throwable cause) {
    super(path + ": " + why, cause);
    this.kind = kind;
    this.path = path;
    this.target = target;
    this.value = value;
    this.known = known;
  }

  static BadJson missing(Path path, String field, Class<?> owner) {
    return new BadJson(Kind.MISSING, path, "missing required field '" + field + "' of " + owner.getSimpleName(),
        owner, null, List.of(), null);
  }

  static BadJson wrongType(Path path, String expected, Class<?> target, Object found) {
    return new BadJson(Kind.WRONG_TYPE, path, "expected " + expected + ", found " + found, target, found, List.of(),
        null);
  }

  static BadJson badFormat(Path path, String why, Class<?> target, Object value) {
    return new BadJson(Kind.BAD_FORMAT, path, why, target, value, List.of(), null);
  }

  static BadJson unknownField(Path path, String field, Class<?> target, List<Object> known) {
    return new BadJson(Kind.UNKNOWN_FIELD, path, "unknown field '" + field + "' of " + target.getSimpleName()
        + "; known fields: " + known, target, field, known, null);
  }

  static BadJson refused(Path path, Class<?> target, RuntimeException libraryError) {
    return new BadJson(Kind.REFUSED, path, withRule(libraryError), target, null, List.of(), libraryError);
  }

  /** The library's message, with the rule id its exception carries appended when the message does not cite it. */
  private static String withRule(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    Optional<String> rule = e instanceof InvalidValueException v ? v.rule()
        : e instanceof RuleRefusedException r ? Optional.of(r.rule()) : Optional.empty();
    return rule.filter(id -> !message.contains(id)).map(id -> message + " (" + id + ")").orElse(message);
  }

  /** This failure as the Jackson exception of its kind, located at the parser. */
  JsonMappingException toJackson(JsonParser p, JavaType type) {
    String message = getMessage();
    return switch (kind) {
      case MISSING, WRONG_TYPE -> MismatchedInputException.from(p, target, message);
      case BAD_FORMAT -> InvalidFormatException.from(p, message, value, target);
      case UNKNOWN_FIELD -> new UnrecognizedPropertyException(p, message, p.currentLocation(), target,
          String.valueOf(value), known);
      case REFUSED -> ValueInstantiationException.from(p, message, type, getCause());
    };
  }

  /** Where the failure is. */
  String path() {
    return path.toString();
  }
}
