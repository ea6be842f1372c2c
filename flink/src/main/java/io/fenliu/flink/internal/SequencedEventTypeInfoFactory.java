package io.fenliu.flink.internal;

import io.fenliu.flink.SequencedEvent;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link SequencedEvent} has its own serializer (no Kryo). */
public final class SequencedEventTypeInfoFactory extends TypeInfoFactory<SequencedEvent> {
  /** For Flink, which instantiates factories by class. */
  public SequencedEventTypeInfoFactory() {}

  @Override
  public TypeInformation<SequencedEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.SEQUENCED_EVENT;
  }
}
