package io.fenliu.flink.internal;

import io.fenliu.flink.VerdictChange;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link VerdictChange} has its own serializer (no Kryo). */
public final class VerdictChangeTypeInfoFactory extends TypeInfoFactory<VerdictChange> {
  /** For Flink, which instantiates factories by class. */
  public VerdictChangeTypeInfoFactory() {}

  @Override
  public TypeInformation<VerdictChange> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.VERDICT_CHANGE;
  }
}
