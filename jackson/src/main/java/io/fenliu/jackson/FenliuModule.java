package io.fenliu.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import io.fenliu.jackson.internal.Codecs;
import java.util.Set;

/**
 * A Jackson {@link Module} that reads and writes Fenliu's values in one documented, stable JSON shape
 * ({@code jackson/README.md} has an example of each):
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(FenliuModule.create());
 * String json = mapper.writeValueAsString(settings);
 * RoutingSettings back = mapper.readValue(json, RoutingSettings.class);
 * }</pre>
 *
 * <p><b>What it writes.</b> Every public value of {@code fenliu-core}, {@code fenliu-routing} and {@code
 * fenliu-anomaly}: the shop and its accounts, ids, enums, exclusive relationships, consultations, routing
 * settings and groups (R10–R16, R18, R21–R23), live state (R20–R22), routing decisions (R19), queue and seat
 * reports, the event log (a shop's events, what applying one did, router snapshots; R25), selections and
 * distributions (R6), anomaly reports, campaign audiences, health changes, target checks, transfer plans and
 * results. Field names are camelCase, ids plain strings, enums their names, durations and instants ISO-8601
 * strings ({@code "PT72H"}, {@code "2026-11-23T04:00:00Z"}); an absent optional is left out. The shape is the
 * same whatever the mapper's own features say (dates as timestamps, enums by {@code toString}, …).
 *
 * <p><b>What it reads.</b> Every input value: ids, enums, roles, main and sub-accounts, shops, relationships,
 * recent contacts, consultations, group members, groups, routing settings, open and waiting consultations, live
 * state, routing decisions, shop events (by their {@code type}) and router snapshots (R25), an applied event's
 * refusal, invitation settings, and a transfer's selection and distribution (R6). Each is built through the
 * library's own factories and builders once the whole JSON value has been read, so every rule is checked by the
 * library and a bad document never yields a half-built value. A value the library only produces (a transfer plan,
 * a report, a result, what applying an event did) is written but refused on reading: a plan read from JSON would
 * be a plan {@code TransferPlanner} never checked (R3, R8).
 *
 * <p><b>Bad JSON</b> fails with a Jackson {@link com.fasterxml.jackson.databind.JsonMappingException} whose message
 * starts with the JSON path, e.g. {@code groups[0].members[1].weight: weight of alice must be in [1, 1000000]
 * (R13): 0}:
 *
 * <ul>
 *   <li>a value the library refuses (a weight out of range, an agent twice in a group, a status bound to two
 *       groups, BASIC mode with bound agents): {@link com.fasterxml.jackson.databind.exc.ValueInstantiationException},
 *       with the library's message (citing the rule) and its exception as the cause;
 *   <li>an unknown enum constant, or a malformed duration or instant: {@link
 *       com.fasterxml.jackson.databind.exc.InvalidFormatException};
 *   <li>a missing required field, or a field of the wrong JSON type: {@link
 *       com.fasterxml.jackson.databind.exc.MismatchedInputException};
 *   <li>an unknown field: {@link com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException}, when the mapper
 *       has {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} on, as it is by default. A misspelt optional
 *       field ({@code "connectToExclusiveAgnet": true}) would otherwise be silently dropped and its default used;
 *       a host that must accept documents from a newer version turns the feature off.
 * </ul>
 *
 * <p>Instances hold no state beyond their tables and may be registered with any number of mappers.
 */
public final class FenliuModule extends Module {
  private final Codecs codecs;

  private FenliuModule(Codecs codecs) {
    this.codecs = codecs;
  }

  /** A module handling every Fenliu value. */
  public static FenliuModule create() {
    return new FenliuModule(Codecs.create());
  }

  /** {@code "fenliu"}. */
  @Override
  public String getModuleName() {
    return "fenliu";
  }

  /** Unknown: the module's version is its Maven artifact's. */
  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  /**
   * Every type this module handles: each is written in the documented shape, and read back unless it is an
   * output-only value, whose reading is refused as described above. In registration order; unmodifiable. For an
   * adapter that offers the same shapes to another JSON library (fenliu-jackson3 does, for Jackson 3) without a
   * second copy of the mapping.
   */
  public Set<Class<?>> handledTypes() {
    return codecs.writable();
  }

  /** The types also handled as map keys (the ids: a key is the id's plain string); unmodifiable. */
  public Set<Class<?>> keyTypes() {
    return codecs.keys();
  }

  /** Adds the serializers and deserializers of every Fenliu value, and of ids as map keys. */
  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(codecs.serializers());
    context.addDeserializers(codecs.deserializers());
    context.addKeySerializers(codecs.keySerializers());
    context.addKeyDeserializers(codecs.keyDeserializers());
  }
}
