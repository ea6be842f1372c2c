package io.fenliu.flink.internal;

import io.fenliu.flink.Diagnostic;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link Diagnostic} has its own serializer (no Kryo). */
public final class DiagnosticTypeInfoFactory extends TypeInfoFactory<Diagnostic> {
  /** For Flink, which instantiates factories by class. */
  public DiagnosticTypeInfoFactory() {}

  @Override
  public TypeInformation<Diagnostic> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.DIAGNOSTIC;
  }
}
