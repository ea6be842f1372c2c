package io.fenliu.flink.internal;

import io.fenliu.flink.RouterOutput;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link RouterOutput} has its own serializer (no Kryo). */
public final class RouterOutputTypeInfoFactory extends TypeInfoFactory<RouterOutput> {
  /** For Flink, which instantiates factories by class. */
  public RouterOutputTypeInfoFactory() {}

  @Override
  public TypeInformation<RouterOutput> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.ROUTER_OUTPUT;
  }
}
