package io.fenliu.flink.internal;

import io.fenliu.flink.RelationshipHealthUpdate;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link RelationshipHealthUpdate} has its own serializer (no Kryo). */
public final class RelationshipHealthUpdateTypeInfoFactory extends TypeInfoFactory<RelationshipHealthUpdate> {
  /** For Flink, which instantiates factories by class. */
  public RelationshipHealthUpdateTypeInfoFactory() {}

  @Override
  public TypeInformation<RelationshipHealthUpdate> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.RELATIONSHIP_HEALTH_UPDATE;
  }
}
